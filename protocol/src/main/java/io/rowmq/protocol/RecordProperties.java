package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The property section of a {@link MessageRecord}: {@code int32 count}, then per property
 * {@code string name, uint8 tag, value}. Tags: 1 boolean, 2 byte, 3 short, 4 int, 5 long,
 * 6 float, 7 double, 8 string, 9 bytes, 10 char. A null value is written as a null string.
 */
final class RecordProperties {
    static final int BOOLEAN = 1;
    static final int BYTE = 2;
    static final int SHORT = 3;
    static final int INT = 4;
    static final int LONG = 5;
    static final int FLOAT = 6;
    static final int DOUBLE = 7;
    static final int STRING = 8;
    static final int BYTES = 9;
    static final int CHAR = 10;

    /** name length + tag: the least one property takes. */
    private static final int MIN_PROPERTY_SIZE = 5;

    private RecordProperties() {
    }

    /** Rejects a value of a type the record cannot carry, naming the property. */
    static void checkValue(String name, Object value) {
        if (name == null) {
            throw new IllegalArgumentException("Property name must not be null");
        }
        if (value != null && tagOf(value) == 0) {
            throw new IllegalArgumentException("Property '" + name + "' has unsupported type "
                    + value.getClass().getName() + " (boolean, byte, short, int, long, float, double, String, byte[], char)");
        }
    }

    static void write(ByteBuf out, Map<String, Object> properties) {
        out.writeInt(properties.size());
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            WireFormat.writeString(out, property.getKey());
            writeValue(out, property.getValue());
        }
    }

    static Map<String, Object> read(ByteBuf in) {
        int count = WireFormat.readCount(in, "propertyCount", MIN_PROPERTY_SIZE);
        if (count == 0) {
            return Map.of();
        }
        Map<String, Object> properties = new LinkedHashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            String name = WireFormat.readString(in, "property name");
            if (name == null) {
                throw new CorruptedFrameException("Property " + i + " of " + count + " has a null name");
            }
            properties.put(name, readValue(in, name));
        }
        return Collections.unmodifiableMap(properties);
    }

    static boolean equal(Map<String, Object> a, Map<String, Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<String, Object> entry : a.entrySet()) {
            Object other = b.get(entry.getKey());
            if (!b.containsKey(entry.getKey()) || !Objects.deepEquals(entry.getValue(), other)) {
                return false;
            }
        }
        return true;
    }

    static int hash(Map<String, Object> properties) {
        int hash = 0;
        for (Map.Entry<String, Object> entry : properties.entrySet()) {
            Object value = entry.getValue();
            int valueHash = value instanceof byte[] bytes ? Arrays.hashCode(bytes) : Objects.hashCode(value);
            hash += entry.getKey().hashCode() ^ valueHash;
        }
        return hash;
    }

    /** The tag of a value, or 0 when the record cannot carry its type. */
    static int tagOf(Object value) {
        if (value instanceof Boolean) {
            return BOOLEAN;
        } else if (value instanceof Byte) {
            return BYTE;
        } else if (value instanceof Short) {
            return SHORT;
        } else if (value instanceof Integer) {
            return INT;
        } else if (value instanceof Long) {
            return LONG;
        } else if (value instanceof Float) {
            return FLOAT;
        } else if (value instanceof Double) {
            return DOUBLE;
        } else if (value instanceof String) {
            return STRING;
        } else if (value instanceof byte[]) {
            return BYTES;
        } else if (value instanceof Character) {
            return CHAR;
        }
        return 0;
    }

    /** Writes {@code uint8 tag, value}; null is a null string. */
    static void writeValue(ByteBuf out, Object value) {
        if (value == null) {
            out.writeByte(STRING);
            WireFormat.writeString(out, null);
            return;
        }
        int tag = tagOf(value);
        out.writeByte(tag);
        switch (tag) {
            case BOOLEAN -> WireFormat.writeBool(out, (Boolean) value);
            case BYTE -> out.writeByte((Byte) value);
            case SHORT -> out.writeShort((Short) value);
            case INT -> out.writeInt((Integer) value);
            case LONG -> out.writeLong((Long) value);
            case FLOAT -> out.writeFloat((Float) value);
            case DOUBLE -> out.writeDouble((Double) value);
            case STRING -> WireFormat.writeString(out, (String) value);
            case BYTES -> WireFormat.writeBytes(out, (byte[]) value);
            case CHAR -> out.writeChar((Character) value);
            default -> throw new IllegalArgumentException("Unsupported property value " + value.getClass().getName());
        }
    }

    static Object readValue(ByteBuf in, String name) {
        return readTaggedValue(in, "property '" + name + "'");
    }

    /** Reads {@code uint8 tag, value}; {@code field} names the value in error messages. */
    static Object readTaggedValue(ByteBuf in, String field) {
        int tag = WireFormat.readUnsignedByte(in, "tag of " + field);
        return switch (tag) {
            case BOOLEAN -> WireFormat.readBool(in, field);
            case BYTE -> (byte) WireFormat.readUnsignedByte(in, field);
            case SHORT -> WireFormat.readShort(in, field);
            case INT -> WireFormat.readInt(in, field);
            case LONG -> WireFormat.readLong(in, field);
            case FLOAT -> Float.intBitsToFloat(WireFormat.readInt(in, field));
            case DOUBLE -> Double.longBitsToDouble(WireFormat.readLong(in, field));
            case STRING -> WireFormat.readString(in, field);
            case BYTES -> WireFormat.readBytes(in, field);
            case CHAR -> (char) WireFormat.readUnsignedShort(in, field);
            default -> throw new CorruptedFrameException("Value of " + field + " has unknown tag " + tag + " (expected 1..10)");
        };
    }
}
