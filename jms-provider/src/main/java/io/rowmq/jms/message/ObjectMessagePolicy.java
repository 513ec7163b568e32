package io.rowmq.jms.message;

import java.util.Arrays;
import java.util.List;

/**
 * Which classes an {@link jakarta.jms.ObjectMessage} may deserialize. Java deserialization of
 * an arbitrary class can run code the sender chose, so only classes on the allow-list are
 * resolved, and never those on the deny-list (D17). Both lists are comma-separated package or
 * class names read from system properties; an entry covers the class of that name, its nested
 * classes and every class in that package and its sub-packages; {@code *} covers everything.
 * Arrays are checked by their element class; primitive types and arrays of them are always
 * allowed.
 */
public final class ObjectMessagePolicy {
    /** System property: the packages and classes ObjectMessage may deserialize; replaces the default. */
    public static final String ALLOW_LIST_PROPERTY = "rowmq.jms.deserialization.allowList";
    /** System property: packages and classes never deserialized, even when the allow-list covers them. */
    public static final String DENY_LIST_PROPERTY = "rowmq.jms.deserialization.denyList";
    /** The allow-list when {@link #ALLOW_LIST_PROPERTY} is not set: JDK value types only. */
    public static final String DEFAULT_ALLOW_LIST = "java.lang,java.math,java.time,java.util,java.sql";
    /** The deny-list when {@link #DENY_LIST_PROPERTY} is not set. */
    public static final String DEFAULT_DENY_LIST = "";

    private static volatile ObjectMessagePolicy cached = parse(DEFAULT_ALLOW_LIST, DEFAULT_DENY_LIST);

    private final String allowSpec;
    private final String denySpec;
    private final List<String> allow;
    private final List<String> deny;

    private ObjectMessagePolicy(String allowSpec, String denySpec) {
        this.allowSpec = allowSpec;
        this.denySpec = denySpec;
        this.allow = entries(allowSpec);
        this.deny = entries(denySpec);
    }

    /** A policy from explicit lists (comma-separated, {@code *} = all). */
    public static ObjectMessagePolicy of(String allowList, String denyList) {
        return parse(allowList == null ? "" : allowList, denyList == null ? "" : denyList);
    }

    /** The policy the system properties say now (re-read on each call; parsed again only when they change). */
    public static ObjectMessagePolicy current() {
        String allowSpec = System.getProperty(ALLOW_LIST_PROPERTY, DEFAULT_ALLOW_LIST);
        String denySpec = System.getProperty(DENY_LIST_PROPERTY, DEFAULT_DENY_LIST);
        ObjectMessagePolicy policy = cached;
        if (!policy.allowSpec.equals(allowSpec) || !policy.denySpec.equals(denySpec)) {
            policy = parse(allowSpec, denySpec);
            cached = policy;
        }
        return policy;
    }

    private static ObjectMessagePolicy parse(String allowSpec, String denySpec) {
        return new ObjectMessagePolicy(allowSpec, denySpec);
    }

    private static List<String> entries(String spec) {
        return Arrays.stream(spec.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * True when a class of this name may be deserialized. Array names ({@code [Lcom.x.Y;},
     * {@code [[I}) are judged by their element class.
     */
    public boolean isAllowed(String className) {
        String name = elementClassName(className);
        if (name == null) {
            return true;
        }
        return !covers(deny, name) && covers(allow, name);
    }

    /** Why a class is refused and how to allow it, for the exception the application sees. */
    String refusal(String className) {
        String name = elementClassName(className);
        String reason = covers(deny, name)
                ? "it is on the deny-list (" + DENY_LIST_PROPERTY + "=" + denySpec + ")"
                : "it is not on the allow-list (" + ALLOW_LIST_PROPERTY + "=" + allowSpec + ")";
        return "Class " + name + " may not be deserialized from an ObjectMessage: " + reason
                + ". If the sender is trusted, add its package or class name to the comma-separated system property "
                + ALLOW_LIST_PROPERTY + " (* allows every class)";
    }

    /** The class name without array dimensions; null for primitives and arrays of them. */
    private static String elementClassName(String className) {
        int dims = 0;
        while (dims < className.length() && className.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0) {
            return className;
        }
        if (className.charAt(dims) == 'L' && className.endsWith(";")) {
            return className.substring(dims + 1, className.length() - 1);
        }
        return null;
    }

    private static boolean covers(List<String> entries, String name) {
        for (String entry : entries) {
            if (entry.equals("*") || name.equals(entry)
                    || (name.startsWith(entry) && (name.charAt(entry.length()) == '.' || name.charAt(entry.length()) == '$'))) {
                return true;
            }
        }
        return false;
    }

    public List<String> allowList() {
        return allow;
    }

    public List<String> denyList() {
        return deny;
    }

    @Override
    public String toString() {
        return "ObjectMessagePolicy[allow=" + allowSpec + ", deny=" + denySpec + "]";
    }
}
