package io.rowmq.jms.message;

import java.util.Locale;
import java.util.Set;

/**
 * The rule of Jakarta Messaging 3.5.1 for property names: a Java identifier that is not one of
 * the selector's reserved words (compared without case, as selectors compare them).
 */
final class PropertyNames {
    /** Set by the provider on every received message: the delivery attempt, 1 on first delivery. */
    static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    private static final Set<String> RESERVED = Set.of("NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN",
            "LIKE", "IN", "IS", "ESCAPE");

    private PropertyNames() {
    }

    /**
     * @throws IllegalArgumentException for a null or empty name, one that is not a Java identifier, or a reserved word
     */
    static void check(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Property name must not be " + (name == null ? "null" : "empty"));
        }
        if (!Character.isJavaIdentifierStart(name.charAt(0))) {
            throw notIdentifier(name, 0);
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                throw notIdentifier(name, i);
            }
        }
        if (name.length() <= 7 && RESERVED.contains(name.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Property name '" + name
                    + "' is a reserved word of message selectors (NULL, TRUE, FALSE, NOT, AND, OR, BETWEEN, LIKE, IN, IS, ESCAPE)");
        }
    }

    private static IllegalArgumentException notIdentifier(String name, int index) {
        return new IllegalArgumentException("Property name '" + name + "' is not a Java identifier: character '"
                + name.charAt(index) + "' at index " + index + " is not allowed there");
    }
}
