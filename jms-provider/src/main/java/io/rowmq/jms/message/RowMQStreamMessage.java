package io.rowmq.jms.message;

import io.rowmq.jms.message.TypeConversions.Source;
import io.rowmq.protocol.BodyType;
import io.rowmq.protocol.TypedBodies;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.StreamMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * A message whose body is a sequence of typed values (Jakarta Messaging 3.11), read in order
 * with the conversion table of 3.11.3. Write-only until {@link #reset()} or receipt, then
 * read-only until {@link #clearBody()}. Body encoding: {@link TypedBodies#encodeStream}.
 */
public class RowMQStreamMessage extends RowMQMessage implements StreamMessage {
    private final List<Object> values = new ArrayList<>();
    private StreamReader reader;

    public RowMQStreamMessage() {
    }

    @Override
    public void reset() {
        reader = new StreamReader(values, this);
        setBodyReadOnly(true);
    }

    @Override
    BodyType bodyType() {
        return BodyType.STREAM;
    }

    @Override
    byte[] encodeBody() {
        return values.isEmpty() ? null : TypedBodies.encodeStream(values);
    }

    @Override
    void decodeBody(byte[] body) {
        values.clear();
        if (body != null) {
            values.addAll(TypedBodies.decodeStream(body));
        }
    }

    @Override
    void markBodyReceived() {
        reset();
    }

    @Override
    void clearBodyContent() {
        values.clear();
        reader = null;
    }

    @Override
    String bodySummary() {
        return "values=" + values.size();
    }

    /** @throws MessageFormatException always: a StreamMessage has no body getBody can return */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        throw new MessageFormatException(describe() + ": getBody is not supported for a StreamMessage;"
                + " read its values with readObject() and the other read methods");
    }

    /** Always false for a StreamMessage, as the specification says. */
    @Override
    public boolean isBodyAssignableTo(@SuppressWarnings("rawtypes") Class c) {
        return false;
    }

    private StreamReader reader() throws JMSException {
        if (reader == null) {
            throw new jakarta.jms.MessageNotReadableException(describe()
                    + ": the body is write-only; call reset() before reading it");
        }
        return reader;
    }

    // ---- reading -------------------------------------------------------------------------

    @Override
    public boolean readBoolean() throws JMSException {
        StreamReader r = reader();
        boolean value = TypeConversions.toBoolean(r.peek(), Source.STREAM_FIELD, r.position());
        r.advance();
        return value;
    }

    @Override
    public byte readByte() throws JMSException {
        StreamReader r = reader();
        byte value = TypeConversions.toByte(r.peek(), Source.STREAM_FIELD, r.position());
        r.advance();
        return value;
    }

    @Override
    public short readShort() throws JMSException {
        StreamReader r = reader();
        short value = TypeConversions.toShort(r.peek(), Source.STREAM_FIELD, r.position());
        r.advance();
        return value;
    }

    @Override
    public char readChar() throws JMSException {
        StreamReader r = reader();
        char value = TypeConversions.toChar(r.peek(), Source.STREAM_FIELD, r.position());
        r.advance();
        return value;
    }

    @Override
    public int readInt() throws JMSException {
        StreamReader r = reader();
        int value = TypeConversions.toInt(r.peek(), Source.STREAM_FIELD, r.position());
        r.advance();
        return value;
    }

    @Override
    public long readLong() throws JMSException {
        StreamReader r = reader();
        long value = TypeConversions.toLong(r.peek(), Source.STREAM_FIELD, r.position());
        r.advance();
        return value;
    }

    @Override
    public float readFloat() throws JMSException {
        StreamReader r = reader();
        float value = TypeConversions.toFloat(r.peek(), Source.STREAM_FIELD, r.position());
        r.advance();
        return value;
    }

    @Override
    public double readDouble() throws JMSException {
        StreamReader r = reader();
        double value = TypeConversions.toDouble(r.peek(), Source.STREAM_FIELD, r.position());
        r.advance();
        return value;
    }

    @Override
    public String readString() throws JMSException {
        StreamReader r = reader();
        String value = TypeConversions.toStringValue(r.peek(), Source.STREAM_FIELD, r.position());
        r.advance();
        return value;
    }

    @Override
    public int readBytes(byte[] value) throws JMSException {
        return reader().readBytes(value);
    }

    @Override
    public Object readObject() throws JMSException {
        StreamReader r = reader();
        Object value = TypeConversions.toObject(r.peek());
        r.advance();
        return value;
    }

    // ---- writing -------------------------------------------------------------------------

    private void add(Object value) throws JMSException {
        checkBodyWritable();
        values.add(value);
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        add(value);
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        add(value);
    }

    @Override
    public void writeShort(short value) throws JMSException {
        add(value);
    }

    @Override
    public void writeChar(char value) throws JMSException {
        add(value);
    }

    @Override
    public void writeInt(int value) throws JMSException {
        add(value);
    }

    @Override
    public void writeLong(long value) throws JMSException {
        add(value);
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        add(value);
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        add(value);
    }

    @Override
    public void writeString(String value) throws JMSException {
        add(value);
    }

    /** Writes a copy of the array as one byte[] field; null writes a null field. */
    @Override
    public void writeBytes(byte[] value) throws JMSException {
        add(value == null ? null : value.clone());
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        byte[] copy = new byte[length];
        System.arraycopy(value, offset, copy, 0, length);
        add(copy);
    }

    /**
     * Writes a boxed primitive, String, byte[] (copied) or null.
     *
     * @throws MessageFormatException for any other type
     */
    @Override
    public void writeObject(Object value) throws JMSException {
        if (!TypedBodies.isSupported(value)) {
            throw new MessageFormatException(describe() + ": writeObject cannot write a " + value.getClass().getName()
                    + " (allowed: Boolean, Byte, Short, Character, Integer, Long, Float, Double, String, byte[], null)");
        }
        add(TypeConversions.toObject(value));
    }
}
