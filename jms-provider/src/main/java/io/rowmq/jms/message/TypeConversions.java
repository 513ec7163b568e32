package io.rowmq.jms.message;

import jakarta.jms.MessageFormatException;

/**
 * The conversion tables of Jakarta Messaging 3.5.4 (properties) and 3.11.3 (map and stream
 * entries): a value written as one type and read as another. A null value is read as
 * {@code valueOf((String) null)} of the target type would: {@code false} for boolean,
 * {@link NumberFormatException} for byte/short/int/long, {@link NullPointerException} for
 * float/double and char, null for String and byte[]. A String that does not parse throws the
 * {@link NumberFormatException} of {@code valueOf}. A type the table does not allow throws
 * {@link MessageFormatException}.
 */
final class TypeConversions {

    /** Where a value comes from, for error messages and the right spec section. */
    enum Source {
        PROPERTY("Property", "3.5.4"),
        MAP_ENTRY("Map entry", "3.11.3"),
        STREAM_FIELD("Stream field", "3.11.3");

        private final String label;
        private final String section;

        Source(String label, String section) {
            this.label = label;
            this.section = section;
        }
    }

    private TypeConversions() {
    }

    static boolean toBoolean(Object value, Source source, Object name) throws MessageFormatException {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Boolean.valueOf((String) value);
        }
        throw notConvertible(value, "boolean", source, name);
    }

    static byte toByte(Object value, Source source, Object name) throws MessageFormatException {
        if (value instanceof Byte b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Byte.valueOf((String) value);
        }
        throw notConvertible(value, "byte", source, name);
    }

    static short toShort(Object value, Source source, Object name) throws MessageFormatException {
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).shortValue();
        }
        if (value == null || value instanceof String) {
            return Short.valueOf((String) value);
        }
        throw notConvertible(value, "short", source, name);
    }

    static char toChar(Object value, Source source, Object name) throws MessageFormatException {
        if (value instanceof Character c) {
            return c;
        }
        if (value == null) {
            throw new NullPointerException(source.label + " '" + name + "' is null and cannot be read as char");
        }
        throw notConvertible(value, "char", source, name);
    }

    static int toInt(Object value, Source source, Object name) throws MessageFormatException {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value == null || value instanceof String) {
            return Integer.valueOf((String) value);
        }
        throw notConvertible(value, "int", source, name);
    }

    static long toLong(Object value, Source source, Object name) throws MessageFormatException {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value == null || value instanceof String) {
            return Long.valueOf((String) value);
        }
        throw notConvertible(value, "long", source, name);
    }

    static float toFloat(Object value, Source source, Object name) throws MessageFormatException {
        if (value instanceof Float f) {
            return f;
        }
        if (value == null || value instanceof String) {
            return Float.valueOf((String) value);
        }
        throw notConvertible(value, "float", source, name);
    }

    static double toDouble(Object value, Source source, Object name) throws MessageFormatException {
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        if (value == null || value instanceof String) {
            return Double.valueOf((String) value);
        }
        throw notConvertible(value, "double", source, name);
    }

    /** Every type but byte[] reads as a String; null stays null. */
    static String toStringValue(Object value, Source source, Object name) throws MessageFormatException {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof byte[]) {
            throw notConvertible(value, "String", source, name);
        }
        return value.toString();
    }

    /** Only byte[] reads as byte[] (a copy); null stays null. */
    static byte[] toBytes(Object value, Source source, Object name) throws MessageFormatException {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        throw notConvertible(value, "byte[]", source, name);
    }

    /** The value as getObject returns it: byte[] copied so the caller cannot change the message. */
    static Object toObject(Object value) {
        return value instanceof byte[] bytes ? bytes.clone() : value;
    }

    private static MessageFormatException notConvertible(Object value, String target, Source source, Object name) {
        return new MessageFormatException(source.label + " '" + name + "' holds a " + typeName(value)
                + ", which cannot be read as " + target + " (conversion table of Jakarta Messaging "
                + source.section + ")");
    }

    static String typeName(Object value) {
        return value instanceof byte[] ? "byte[]" : value.getClass().getSimpleName();
    }
}
