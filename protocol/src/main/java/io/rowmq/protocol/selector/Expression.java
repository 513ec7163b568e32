package io.rowmq.protocol.selector;

/**
 * A node of a parsed selector. {@link #evaluate} returns Boolean, Long (exact), Double
 * (approximate), String, another property value that compares as nothing (Character, byte[]),
 * or null for NULL and UNKNOWN. Nodes are immutable, so a parsed selector is thread-safe.
 */
interface Expression {

    /** What the parser knows of a node's value before any message is seen. */
    enum ValueType {
        BOOLEAN("a condition"), NUMERIC("a numeric expression"), STRING("a string"),
        /** An identifier: its type is only known from the message. */
        ANY("an identifier");

        private final String description;

        ValueType(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    Object evaluate(SelectorContext message);

    ValueType type();

    /** Levels of nodes from this one down to its deepest leaf; evaluation recurses this deep. */
    int height();
}
