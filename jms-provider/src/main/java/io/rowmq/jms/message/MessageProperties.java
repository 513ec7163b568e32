package io.rowmq.jms.message;

import io.rowmq.jms.message.TypeConversions.Source;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;

import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The properties of one message, in the order they were set, with the checks of Jakarta
 * Messaging 3.5: valid names, the eight allowed value types, and read-only after receipt until
 * {@link #clear()}.
 */
final class MessageProperties {
    private final Map<String, Object> values = new LinkedHashMap<>();
    private boolean readOnly;

    void set(String name, Object value) throws JMSException {
        PropertyNames.check(name);
        if (readOnly) {
            throw new MessageNotWriteableException("Cannot set property '" + name
                    + "': the properties of a received message are read-only until clearProperties() is called");
        }
        if (!isAllowedType(value)) {
            throw new MessageFormatException("Property '" + name + "' cannot hold a " + value.getClass().getName()
                    + " (allowed: Boolean, Byte, Short, Integer, Long, Float, Double, String)");
        }
        values.put(name, value);
    }

    /** Puts a value as received, without the checks that guard application writes. */
    void putReceived(String name, Object value) {
        values.put(name, value);
    }

    static boolean isAllowedType(Object value) {
        return value == null || value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Boolean || value instanceof Double || value instanceof Float
                || value instanceof Short || value instanceof Byte;
    }

    Object get(String name) {
        return values.get(name);
    }

    boolean exists(String name) {
        return values.containsKey(name);
    }

    Enumeration<String> names() {
        return Collections.enumeration(List.copyOf(values.keySet()));
    }

    /** The live map, for encoding: do not modify. */
    Map<String, Object> asMap() {
        return values;
    }

    int size() {
        return values.size();
    }

    void clear() {
        values.clear();
        readOnly = false;
    }

    void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    boolean getBoolean(String name) throws MessageFormatException {
        return TypeConversions.toBoolean(values.get(name), Source.PROPERTY, name);
    }

    byte getByte(String name) throws MessageFormatException {
        return TypeConversions.toByte(values.get(name), Source.PROPERTY, name);
    }

    short getShort(String name) throws MessageFormatException {
        return TypeConversions.toShort(values.get(name), Source.PROPERTY, name);
    }

    int getInt(String name) throws MessageFormatException {
        return TypeConversions.toInt(values.get(name), Source.PROPERTY, name);
    }

    long getLong(String name) throws MessageFormatException {
        return TypeConversions.toLong(values.get(name), Source.PROPERTY, name);
    }

    float getFloat(String name) throws MessageFormatException {
        return TypeConversions.toFloat(values.get(name), Source.PROPERTY, name);
    }

    double getDouble(String name) throws MessageFormatException {
        return TypeConversions.toDouble(values.get(name), Source.PROPERTY, name);
    }

    String getString(String name) throws MessageFormatException {
        return TypeConversions.toStringValue(values.get(name), Source.PROPERTY, name);
    }
}
