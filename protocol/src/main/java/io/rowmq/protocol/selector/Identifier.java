package io.rowmq.protocol.selector;

/**
 * A header field or property named in a selector. The six header fields a selector may use
 * are read from the message; every other name, including other JMS header names, is a
 * property. Byte, short and int values become Long and float values Double (Java numeric
 * promotion), so evaluation deals with two numeric types only.
 */
record Identifier(String name, Header header) implements Expression {

    enum Header {
        JMS_DELIVERY_MODE("JMSDeliveryMode"), JMS_PRIORITY("JMSPriority"), JMS_MESSAGE_ID("JMSMessageID"),
        JMS_TIMESTAMP("JMSTimestamp"), JMS_CORRELATION_ID("JMSCorrelationID"), JMS_TYPE("JMSType");

        private final String fieldName;

        Header(String fieldName) {
            this.fieldName = fieldName;
        }

        static Header named(String name) {
            for (Header header : values()) {
                if (header.fieldName.equals(name)) {
                    return header;
                }
            }
            return null;
        }
    }

    static Identifier of(String name) {
        return new Identifier(name, Header.named(name));
    }

    boolean isProperty() {
        return header == null;
    }

    @Override
    public Object evaluate(SelectorContext message) {
        if (header == null) {
            return normalize(message.property(name));
        }
        return switch (header) {
            case JMS_DELIVERY_MODE -> message.deliveryMode();
            case JMS_PRIORITY -> (long) message.priority();
            case JMS_MESSAGE_ID -> message.messageId();
            case JMS_TIMESTAMP -> message.timestamp();
            case JMS_CORRELATION_ID -> message.correlationId();
            case JMS_TYPE -> message.type();
        };
    }

    private static Object normalize(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        return value;
    }

    @Override
    public ValueType type() {
        return ValueType.ANY;
    }

    @Override
    public int height() {
        return 1;
    }
}
