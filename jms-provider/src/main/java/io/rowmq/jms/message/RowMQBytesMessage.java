package io.rowmq.jms.message;

import io.rowmq.protocol.BodyType;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UTFDataFormatException;

/**
 * A message whose body is a stream of bytes, written and read as {@link java.io.DataOutputStream}
 * does (big-endian, modified UTF-8 for writeUTF). Write-only until {@link #reset()} or receipt,
 * then read-only until {@link #clearBody()}.
 */
public class RowMQBytesMessage extends RowMQMessage implements BytesMessage {
    private static final byte[] EMPTY = new byte[0];

    private ByteArrayOutputStream written = new ByteArrayOutputStream();
    private DataOutputStream out = new DataOutputStream(written);
    private BytesReader reader;

    public RowMQBytesMessage() {
    }

    @Override
    public void reset() {
        reader = new BytesReader(currentBytes(), this);
        written = null;
        out = null;
        setBodyReadOnly(true);
    }

    @Override
    BodyType bodyType() {
        return BodyType.BYTES;
    }

    @Override
    byte[] encodeBody() {
        return currentBytes();
    }

    @Override
    void decodeBody(byte[] body) {
        reader = new BytesReader(body == null ? EMPTY : body, this);
        written = null;
        out = null;
    }

    @Override
    void markBodyReceived() {
        reset();
    }

    @Override
    void clearBodyContent() {
        reader = null;
        written = new ByteArrayOutputStream();
        out = new DataOutputStream(written);
    }

    @Override
    Object bodyValue() {
        byte[] bytes = currentBytes();
        return bytes.length == 0 ? null : bytes.clone();
    }

    @Override
    String bodySummary() {
        return "bytes=" + currentBytes().length;
    }

    private byte[] currentBytes() {
        return reader != null ? reader.bytes() : written.toByteArray();
    }

    private BytesReader reader() throws MessageNotReadableException {
        if (reader == null) {
            throw new MessageNotReadableException(describe()
                    + ": the body is write-only; call reset() before reading it");
        }
        return reader;
    }

    // ---- reading -------------------------------------------------------------------------

    @Override
    public long getBodyLength() throws JMSException {
        return reader().bytes().length;
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return reader().readByte() != 0;
    }

    @Override
    public byte readByte() throws JMSException {
        return reader().readByte();
    }

    @Override
    public int readUnsignedByte() throws JMSException {
        return reader().readByte() & 0xFF;
    }

    @Override
    public short readShort() throws JMSException {
        return (short) reader().readBigEndian(2);
    }

    @Override
    public int readUnsignedShort() throws JMSException {
        return (int) reader().readBigEndian(2) & 0xFFFF;
    }

    @Override
    public char readChar() throws JMSException {
        return (char) reader().readBigEndian(2);
    }

    @Override
    public int readInt() throws JMSException {
        return (int) reader().readBigEndian(4);
    }

    @Override
    public long readLong() throws JMSException {
        return reader().readBigEndian(8);
    }

    @Override
    public float readFloat() throws JMSException {
        return Float.intBitsToFloat((int) reader().readBigEndian(4));
    }

    @Override
    public double readDouble() throws JMSException {
        return Double.longBitsToDouble(reader().readBigEndian(8));
    }

    @Override
    public String readUTF() throws JMSException {
        return reader().readUTF();
    }

    @Override
    public int readBytes(byte[] value) throws JMSException {
        return reader().readBytes(value, value.length);
    }

    @Override
    public int readBytes(byte[] value, int length) throws JMSException {
        return reader().readBytes(value, length);
    }

    // ---- writing -------------------------------------------------------------------------

    private DataOutputStream out() throws JMSException {
        checkBodyWritable();
        return out;
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        write(out -> out.writeBoolean(value));
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        write(out -> out.writeByte(value));
    }

    @Override
    public void writeShort(short value) throws JMSException {
        write(out -> out.writeShort(value));
    }

    @Override
    public void writeChar(char value) throws JMSException {
        write(out -> out.writeChar(value));
    }

    @Override
    public void writeInt(int value) throws JMSException {
        write(out -> out.writeInt(value));
    }

    @Override
    public void writeLong(long value) throws JMSException {
        write(out -> out.writeLong(value));
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        write(out -> out.writeFloat(value));
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        write(out -> out.writeDouble(value));
    }

    @Override
    public void writeUTF(String value) throws JMSException {
        write(out -> out.writeUTF(value));
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        write(out -> out.write(value));
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        write(out -> out.write(value, offset, length));
    }

    /**
     * Writes a boxed primitive, String or byte[] as the matching write method does.
     *
     * @throws NullPointerException for null, as the specification says
     * @throws MessageFormatException for any other type
     */
    @Override
    public void writeObject(Object value) throws JMSException {
        if (value == null) {
            throw new NullPointerException(describe() + ": writeObject(null) is not allowed on a BytesMessage");
        }
        if (value instanceof Boolean v) {
            writeBoolean(v);
        } else if (value instanceof Byte v) {
            writeByte(v);
        } else if (value instanceof Short v) {
            writeShort(v);
        } else if (value instanceof Character v) {
            writeChar(v);
        } else if (value instanceof Integer v) {
            writeInt(v);
        } else if (value instanceof Long v) {
            writeLong(v);
        } else if (value instanceof Float v) {
            writeFloat(v);
        } else if (value instanceof Double v) {
            writeDouble(v);
        } else if (value instanceof String v) {
            writeUTF(v);
        } else if (value instanceof byte[] v) {
            writeBytes(v);
        } else {
            throw new MessageFormatException(describe() + ": writeObject cannot write a " + value.getClass().getName()
                    + " (allowed: Boolean, Byte, Short, Character, Integer, Long, Float, Double, String, byte[])");
        }
    }

    private interface Write {
        void to(DataOutputStream out) throws IOException;
    }

    private void write(Write write) throws JMSException {
        DataOutputStream target = out();
        try {
            write.to(target);
        } catch (UTFDataFormatException e) {
            throw MessageRecords.withCause(new MessageFormatException(describe()
                    + ": writeUTF takes strings of at most 65,535 bytes in modified UTF-8: " + e.getMessage()), e);
        } catch (IOException e) {
            throw MessageRecords.withCause(new JMSException(describe() + ": cannot write the body: " + e), e);
        }
    }
}
