package io.rowmq.jms.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.lang.reflect.Proxy;

/**
 * An {@link ObjectInputStream} that resolves only the classes an {@link ObjectMessagePolicy}
 * allows (every class descriptor in the stream, including proxy interfaces), and loads them
 * through the thread context class loader first, so that application classes resolve inside
 * an application server.
 */
final class PolicyObjectInputStream extends ObjectInputStream {
    private final ObjectMessagePolicy policy;

    PolicyObjectInputStream(InputStream in, ObjectMessagePolicy policy) throws IOException {
        super(in);
        this.policy = policy;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
        String name = desc.getName();
        check(name);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ClassNotFoundException contextFailure = null;
        if (loader != null) {
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException e) {
                contextFailure = e; // not visible to the context loader (or a primitive): try the default resolution
            }
        }
        try {
            return super.resolveClass(desc);
        } catch (ClassNotFoundException e) {
            if (contextFailure != null) {
                e.addSuppressed(contextFailure);
            }
            throw e;
        }
    }

    @Override
    @SuppressWarnings("deprecation")
    protected Class<?> resolveProxyClass(String[] interfaces) throws IOException, ClassNotFoundException {
        for (String name : interfaces) {
            check(name);
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Exception contextFailure = null;
        if (loader != null) {
            try {
                Class<?>[] classes = new Class<?>[interfaces.length];
                for (int i = 0; i < interfaces.length; i++) {
                    classes[i] = Class.forName(interfaces[i], false, loader);
                }
                return Proxy.getProxyClass(loader, classes);
            } catch (ClassNotFoundException | IllegalArgumentException e) {
                contextFailure = e; // not all interfaces visible to the context loader: try the default resolution
            }
        }
        try {
            return super.resolveProxyClass(interfaces);
        } catch (ClassNotFoundException | IllegalArgumentException e) {
            if (contextFailure != null) {
                e.addSuppressed(contextFailure);
            }
            throw e;
        }
    }

    private void check(String className) throws InvalidClassException {
        if (!policy.isAllowed(className)) {
            throw new InvalidClassException(className, policy.refusal(className));
        }
    }
}
