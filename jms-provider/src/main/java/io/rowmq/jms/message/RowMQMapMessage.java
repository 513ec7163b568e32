package io.rowmq.jms.message;

import io.rowmq.jms.message.TypeConversions.Source;
import io.rowmq.protocol.BodyType;
import io.rowmq.protocol.TypedBodies;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;

import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message whose body is a set of named, typed entries (Jakarta Messaging 3.11), read with the
 * conversion table of 3.11.3. Entries keep the order they were set in. Body encoding:
 * {@link TypedBodies#encodeMap}.
 */
public class RowMQMapMessage extends RowMQMessage implements MapMessage {
    private final Map<String, Object> entries = new LinkedHashMap<>();

    public RowMQMapMessage() {
    }

    @Override
    BodyType bodyType() {
        return BodyType.MAP;
    }

    @Override
    byte[] encodeBody() {
        return entries.isEmpty() ? null : TypedBodies.encodeMap(entries);
    }

    @Override
    void decodeBody(byte[] body) {
        entries.clear();
        if (body != null) {
            entries.putAll(TypedBodies.decodeMap(body));
        }
    }

    @Override
    void clearBodyContent() {
        entries.clear();
    }

    /** A copy of the entries (byte[] values copied), or null when there are none. */
    @Override
    Object bodyValue() {
        if (entries.isEmpty()) {
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>(entries.size() * 2);
        entries.forEach((name, value) -> copy.put(name, TypeConversions.toObject(value)));
        return copy;
    }

    /** As the specification says: Map or a supertype, not the copy's implementation class. */
    @Override
    boolean isAssignable(Object body, Class<?> c) {
        return c.isAssignableFrom(Map.class);
    }

    @Override
    String bodySummary() {
        return "entries=" + entries.size();
    }

    // ---- reading -------------------------------------------------------------------------

    @Override
    public boolean getBoolean(String name) throws JMSException {
        return TypeConversions.toBoolean(entries.get(name), Source.MAP_ENTRY, name);
    }

    @Override
    public byte getByte(String name) throws JMSException {
        return TypeConversions.toByte(entries.get(name), Source.MAP_ENTRY, name);
    }

    @Override
    public short getShort(String name) throws JMSException {
        return TypeConversions.toShort(entries.get(name), Source.MAP_ENTRY, name);
    }

    @Override
    public char getChar(String name) throws JMSException {
        return TypeConversions.toChar(entries.get(name), Source.MAP_ENTRY, name);
    }

    @Override
    public int getInt(String name) throws JMSException {
        return TypeConversions.toInt(entries.get(name), Source.MAP_ENTRY, name);
    }

    @Override
    public long getLong(String name) throws JMSException {
        return TypeConversions.toLong(entries.get(name), Source.MAP_ENTRY, name);
    }

    @Override
    public float getFloat(String name) throws JMSException {
        return TypeConversions.toFloat(entries.get(name), Source.MAP_ENTRY, name);
    }

    @Override
    public double getDouble(String name) throws JMSException {
        return TypeConversions.toDouble(entries.get(name), Source.MAP_ENTRY, name);
    }

    @Override
    public String getString(String name) throws JMSException {
        return TypeConversions.toStringValue(entries.get(name), Source.MAP_ENTRY, name);
    }

    @Override
    public byte[] getBytes(String name) throws JMSException {
        return TypeConversions.toBytes(entries.get(name), Source.MAP_ENTRY, name);
    }

    @Override
    public Object getObject(String name) {
        return TypeConversions.toObject(entries.get(name));
    }

    @Override
    public Enumeration<String> getMapNames() {
        return Collections.enumeration(List.copyOf(entries.keySet()));
    }

    @Override
    public boolean itemExists(String name) {
        return entries.containsKey(name);
    }

    // ---- writing -------------------------------------------------------------------------

    private void put(String name, Object value) throws JMSException {
        checkName(name);
        checkBodyWritable();
        entries.put(name, value);
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Map entry name must not be " + (name == null ? "null" : "empty"));
        }
    }

    @Override
    public void setBoolean(String name, boolean value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setByte(String name, byte value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setShort(String name, short value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setChar(String name, char value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setInt(String name, int value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setLong(String name, long value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setFloat(String name, float value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setDouble(String name, double value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setString(String name, String value) throws JMSException {
        put(name, value);
    }

    /** Stores a copy of the array; null stores a null entry. */
    @Override
    public void setBytes(String name, byte[] value) throws JMSException {
        put(name, value == null ? null : value.clone());
    }

    @Override
    public void setBytes(String name, byte[] value, int offset, int length) throws JMSException {
        byte[] copy = new byte[length];
        System.arraycopy(value, offset, copy, 0, length);
        put(name, copy);
    }

    /**
     * @throws MessageFormatException for a type other than the boxed primitives, String and byte[]
     */
    @Override
    public void setObject(String name, Object value) throws JMSException {
        checkName(name);
        if (!TypedBodies.isSupported(value)) {
            throw new MessageFormatException(describe() + ": map entry '" + name + "' cannot hold a "
                    + value.getClass().getName()
                    + " (allowed: Boolean, Byte, Short, Character, Integer, Long, Float, Double, String, byte[])");
        }
        put(name, TypeConversions.toObject(value));
    }
}
