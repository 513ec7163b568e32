package io.rowmq.jms.message;

import io.rowmq.jms.RowMQQueue;
import io.rowmq.protocol.MessageRecord;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ForeignMessageCopyTest {

    /**
     * A message of "another provider": headers and properties in fields, every body method
     * unsupported unless a subclass implements it. Only what copyOf calls is implemented.
     */
    static class ForeignMessage implements Message {
        String messageId = "ID:foreign-1";
        long timestamp = 1_234L;
        String correlationId = "corr";
        Destination replyTo = (Topic) () -> "foreign-replies";
        Destination destination = (Queue) () -> "foreign-orders";
        int deliveryMode = DeliveryMode.NON_PERSISTENT;
        boolean redelivered = true;
        String type = "foreign.type";
        long expiration = 9_999L;
        long deliveryTime = 2_000L;
        int priority = 2;
        final Map<String, Object> properties = new LinkedHashMap<>();

        ForeignMessage() {
            properties.put("b", true);
            properties.put("i", 5);
            properties.put("s", "str");
            properties.put("d", 1.5d);
        }

        @Override public String getJMSMessageID() { return messageId; }
        @Override public void setJMSMessageID(String id) { messageId = id; }
        @Override public long getJMSTimestamp() { return timestamp; }
        @Override public void setJMSTimestamp(long t) { timestamp = t; }
        @Override public byte[] getJMSCorrelationIDAsBytes() { return correlationId.getBytes(); }
        @Override public void setJMSCorrelationIDAsBytes(byte[] id) { correlationId = new String(id); }
        @Override public void setJMSCorrelationID(String id) { correlationId = id; }
        @Override public String getJMSCorrelationID() { return correlationId; }
        @Override public Destination getJMSReplyTo() { return replyTo; }
        @Override public void setJMSReplyTo(Destination d) { replyTo = d; }
        @Override public Destination getJMSDestination() { return destination; }
        @Override public void setJMSDestination(Destination d) { destination = d; }
        @Override public int getJMSDeliveryMode() { return deliveryMode; }
        @Override public void setJMSDeliveryMode(int m) { deliveryMode = m; }
        @Override public boolean getJMSRedelivered() { return redelivered; }
        @Override public void setJMSRedelivered(boolean r) { redelivered = r; }
        @Override public String getJMSType() { return type; }
        @Override public void setJMSType(String t) { type = t; }
        @Override public long getJMSExpiration() { return expiration; }
        @Override public void setJMSExpiration(long e) { expiration = e; }
        @Override public long getJMSDeliveryTime() { return deliveryTime; }
        @Override public void setJMSDeliveryTime(long t) { deliveryTime = t; }
        @Override public int getJMSPriority() { return priority; }
        @Override public void setJMSPriority(int p) { priority = p; }
        @Override public void clearProperties() { properties.clear(); }
        @Override public boolean propertyExists(String name) { return properties.containsKey(name); }
        @Override public boolean getBooleanProperty(String name) { return (Boolean) properties.get(name); }
        @Override public byte getByteProperty(String name) { return (Byte) properties.get(name); }
        @Override public short getShortProperty(String name) { return (Short) properties.get(name); }
        @Override public int getIntProperty(String name) { return (Integer) properties.get(name); }
        @Override public long getLongProperty(String name) { return (Long) properties.get(name); }
        @Override public float getFloatProperty(String name) { return (Float) properties.get(name); }
        @Override public double getDoubleProperty(String name) { return (Double) properties.get(name); }
        @Override public String getStringProperty(String name) { return (String) properties.get(name); }
        @Override public Object getObjectProperty(String name) { return properties.get(name); }
        @Override public Enumeration<?> getPropertyNames() { return Collections.enumeration(properties.keySet()); }
        @Override public void setBooleanProperty(String name, boolean v) { properties.put(name, v); }
        @Override public void setByteProperty(String name, byte v) { properties.put(name, v); }
        @Override public void setShortProperty(String name, short v) { properties.put(name, v); }
        @Override public void setIntProperty(String name, int v) { properties.put(name, v); }
        @Override public void setLongProperty(String name, long v) { properties.put(name, v); }
        @Override public void setFloatProperty(String name, float v) { properties.put(name, v); }
        @Override public void setDoubleProperty(String name, double v) { properties.put(name, v); }
        @Override public void setStringProperty(String name, String v) { properties.put(name, v); }
        @Override public void setObjectProperty(String name, Object v) { properties.put(name, v); }
        @Override public void acknowledge() { }
        @Override public void clearBody() { }
        @Override public <T> T getBody(Class<T> c) { throw new UnsupportedOperationException(); }
        @Override public boolean isBodyAssignableTo(@SuppressWarnings("rawtypes") Class c) {
            throw new UnsupportedOperationException();
        }
    }

    static final class ForeignText extends ForeignMessage implements TextMessage {
        private String text = "foreign text";
        @Override public void setText(String t) { text = t; }
        @Override public String getText() { return text; }
    }

    static final class ForeignObject extends ForeignMessage implements ObjectMessage {
        private Serializable object = new ArrayList<>(List.of(1, "two"));
        @Override public void setObject(Serializable o) { object = o; }
        @Override public Serializable getObject() { return object; }
    }

    static final class ForeignMap extends ForeignMessage implements MapMessage {
        private final Map<String, Object> map = new LinkedHashMap<>(Map.of("k", 1));
        ForeignMap() {
            map.put("bytes", new byte[] {1, 2});
            map.put("char", 'c');
        }
        @Override public Object getObject(String name) { return map.get(name); }
        @Override public Enumeration<String> getMapNames() { return Collections.enumeration(map.keySet()); }
        @Override public boolean itemExists(String name) { return map.containsKey(name); }
        @Override public boolean getBoolean(String n) { throw new UnsupportedOperationException(); }
        @Override public byte getByte(String n) { throw new UnsupportedOperationException(); }
        @Override public short getShort(String n) { throw new UnsupportedOperationException(); }
        @Override public char getChar(String n) { throw new UnsupportedOperationException(); }
        @Override public int getInt(String n) { throw new UnsupportedOperationException(); }
        @Override public long getLong(String n) { throw new UnsupportedOperationException(); }
        @Override public float getFloat(String n) { throw new UnsupportedOperationException(); }
        @Override public double getDouble(String n) { throw new UnsupportedOperationException(); }
        @Override public String getString(String n) { throw new UnsupportedOperationException(); }
        @Override public byte[] getBytes(String n) { throw new UnsupportedOperationException(); }
        @Override public void setBoolean(String n, boolean v) { map.put(n, v); }
        @Override public void setByte(String n, byte v) { map.put(n, v); }
        @Override public void setShort(String n, short v) { map.put(n, v); }
        @Override public void setChar(String n, char v) { map.put(n, v); }
        @Override public void setInt(String n, int v) { map.put(n, v); }
        @Override public void setLong(String n, long v) { map.put(n, v); }
        @Override public void setFloat(String n, float v) { map.put(n, v); }
        @Override public void setDouble(String n, double v) { map.put(n, v); }
        @Override public void setString(String n, String v) { map.put(n, v); }
        @Override public void setBytes(String n, byte[] v) { map.put(n, v); }
        @Override public void setBytes(String n, byte[] v, int o, int l) { throw new UnsupportedOperationException(); }
        @Override public void setObject(String n, Object v) { map.put(n, v); }
    }

    /** A write-then-reset stream, as the TCK's foreign messages are when handed to send. */
    static final class ForeignStream extends ForeignMessage implements StreamMessage {
        private final List<Object> values = new ArrayList<>(List.of(true, 2, "three"));
        private int position = -1;
        ForeignStream() {
            values.add(null);
            values.add(new byte[] {4});
        }
        @Override public void reset() { position = 0; }
        @Override public Object readObject() throws JMSException {
            if (position < 0) {
                throw new jakarta.jms.MessageNotReadableException("write mode");
            }
            if (position >= values.size()) {
                throw new MessageEOFException("end");
            }
            return values.get(position++);
        }
        @Override public boolean readBoolean() { throw new UnsupportedOperationException(); }
        @Override public byte readByte() { throw new UnsupportedOperationException(); }
        @Override public short readShort() { throw new UnsupportedOperationException(); }
        @Override public char readChar() { throw new UnsupportedOperationException(); }
        @Override public int readInt() { throw new UnsupportedOperationException(); }
        @Override public long readLong() { throw new UnsupportedOperationException(); }
        @Override public float readFloat() { throw new UnsupportedOperationException(); }
        @Override public double readDouble() { throw new UnsupportedOperationException(); }
        @Override public String readString() { throw new UnsupportedOperationException(); }
        @Override public int readBytes(byte[] v) { throw new UnsupportedOperationException(); }
        @Override public void writeBoolean(boolean v) { values.add(v); }
        @Override public void writeByte(byte v) { values.add(v); }
        @Override public void writeShort(short v) { values.add(v); }
        @Override public void writeChar(char v) { values.add(v); }
        @Override public void writeInt(int v) { values.add(v); }
        @Override public void writeLong(long v) { values.add(v); }
        @Override public void writeFloat(float v) { values.add(v); }
        @Override public void writeDouble(double v) { values.add(v); }
        @Override public void writeString(String v) { values.add(v); }
        @Override public void writeBytes(byte[] v) { values.add(v); }
        @Override public void writeBytes(byte[] v, int o, int l) { throw new UnsupportedOperationException(); }
        @Override public void writeObject(Object v) { values.add(v); }
    }

    /** A bytes message in write mode whose getBodyLength is wrong, like the TCK's test implementation. */
    static final class ForeignBytes extends ForeignMessage implements BytesMessage {
        private final ByteBuffer content = ByteBuffer.allocate(64);
        private ByteBuffer reading;
        ForeignBytes() {
            content.putInt(42).put((byte) 7).putLong(-1L);
        }
        @Override public long getBodyLength() { return 22; }
        @Override public void reset() {
            reading = content.duplicate().flip();
        }
        @Override public int readBytes(byte[] v) throws JMSException {
            return readBytes(v, v.length);
        }
        @Override public int readBytes(byte[] v, int length) throws JMSException {
            if (reading == null) {
                throw new jakarta.jms.MessageNotReadableException("write mode");
            }
            if (!reading.hasRemaining()) {
                return -1;
            }
            int n = Math.min(length, reading.remaining());
            reading.get(v, 0, n);
            return n;
        }
        @Override public boolean readBoolean() { throw new UnsupportedOperationException(); }
        @Override public byte readByte() { throw new UnsupportedOperationException(); }
        @Override public int readUnsignedByte() { throw new UnsupportedOperationException(); }
        @Override public short readShort() { throw new UnsupportedOperationException(); }
        @Override public int readUnsignedShort() { throw new UnsupportedOperationException(); }
        @Override public char readChar() { throw new UnsupportedOperationException(); }
        @Override public int readInt() { throw new UnsupportedOperationException(); }
        @Override public long readLong() { throw new UnsupportedOperationException(); }
        @Override public float readFloat() { throw new UnsupportedOperationException(); }
        @Override public double readDouble() { throw new UnsupportedOperationException(); }
        @Override public String readUTF() { throw new UnsupportedOperationException(); }
        @Override public void writeBoolean(boolean v) { throw new UnsupportedOperationException(); }
        @Override public void writeByte(byte v) { throw new UnsupportedOperationException(); }
        @Override public void writeShort(short v) { throw new UnsupportedOperationException(); }
        @Override public void writeChar(char v) { throw new UnsupportedOperationException(); }
        @Override public void writeInt(int v) { throw new UnsupportedOperationException(); }
        @Override public void writeLong(long v) { throw new UnsupportedOperationException(); }
        @Override public void writeFloat(float v) { throw new UnsupportedOperationException(); }
        @Override public void writeDouble(double v) { throw new UnsupportedOperationException(); }
        @Override public void writeUTF(String v) { throw new UnsupportedOperationException(); }
        @Override public void writeBytes(byte[] v) { throw new UnsupportedOperationException(); }
        @Override public void writeBytes(byte[] v, int o, int l) { throw new UnsupportedOperationException(); }
        @Override public void writeObject(Object v) { throw new UnsupportedOperationException(); }
    }

    private static RowMQMessage copyAndReceive(Message foreign) throws JMSException {
        RowMQMessage copy = RowMQMessage.copyOf(foreign);
        MessageRecord record = copy.toRecord();
        return RowMQMessage.fromRecord(record, 1);
    }

    @Test
    void headersAndPropertiesAreCopied() throws JMSException {
        RowMQMessage copy = RowMQMessage.copyOf(new ForeignMessage());
        assertThat(copy.getClass()).isEqualTo(RowMQMessage.class);
        assertThat(copy.getJMSMessageID()).isEqualTo("ID:foreign-1");
        assertThat(copy.getJMSTimestamp()).isEqualTo(1_234L);
        assertThat(copy.getJMSCorrelationID()).isEqualTo("corr");
        assertThat(copy.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(copy.getJMSRedelivered()).isTrue();
        assertThat(copy.getJMSType()).isEqualTo("foreign.type");
        assertThat(copy.getJMSExpiration()).isEqualTo(9_999L);
        assertThat(copy.getJMSDeliveryTime()).isEqualTo(2_000L);
        assertThat(copy.getJMSPriority()).isEqualTo(2);
        assertThat(Collections.list(copy.getPropertyNames())).containsExactly("b", "i", "s", "d");
        assertThat(copy.getIntProperty("i")).isEqualTo(5);
        MessageRecord record = copy.toRecord();
        assertThat(record.destination()).isEqualTo("queue://foreign-orders");
        assertThat(record.replyTo()).isEqualTo("topic://foreign-replies");
        RowMQMessage received = RowMQMessage.fromRecord(record, 1);
        assertThat(received.getJMSDestination()).isEqualTo(new RowMQQueue("foreign-orders"));
        assertThat(received.getDoubleProperty("d")).isEqualTo(1.5d);
    }

    @Test
    void textBodyIsCopied() throws JMSException {
        assertThat(((TextMessage) copyAndReceive(new ForeignText())).getText()).isEqualTo("foreign text");
    }

    @Test
    void objectBodyIsCopied() throws JMSException {
        assertThat(((ObjectMessage) copyAndReceive(new ForeignObject())).getObject()).isEqualTo(List.of(1, "two"));
    }

    @Test
    void mapBodyIsCopied() throws JMSException {
        MapMessage copy = (MapMessage) copyAndReceive(new ForeignMap());
        assertThat(copy.getInt("k")).isEqualTo(1);
        assertThat(copy.getBytes("bytes")).containsExactly(1, 2);
        assertThat(copy.getChar("char")).isEqualTo('c');
    }

    @Test
    void streamBodyIsCopiedFromTheStartEvenInWriteMode() throws JMSException {
        ForeignStream foreign = new ForeignStream();
        StreamMessage copy = (StreamMessage) copyAndReceive(foreign);
        assertThat(copy.readBoolean()).isTrue();
        assertThat(copy.readInt()).isEqualTo(2);
        assertThat(copy.readString()).isEqualTo("three");
        assertThat(copy.readObject()).isNull();
        assertThat((byte[]) copy.readObject()).containsExactly(4);
        assertThatThrownBy(copy::readObject).isInstanceOf(MessageEOFException.class);
        assertThat(foreign.readObject()).as("the foreign message is left readable from the start").isEqualTo(true);
    }

    @Test
    void bytesBodyIsCopiedWholeWhateverGetBodyLengthSays() throws JMSException {
        BytesMessage copy = (BytesMessage) copyAndReceive(new ForeignBytes());
        assertThat(copy.getBodyLength()).isEqualTo(13);
        assertThat(copy.readInt()).isEqualTo(42);
        assertThat(copy.readByte()).isEqualTo((byte) 7);
        assertThat(copy.readLong()).isEqualTo(-1L);
    }

    @Test
    void aRowMQMessageIsReturnedAsItIs() throws JMSException {
        RowMQTextMessage ours = new RowMQTextMessage("x");
        assertThat(RowMQMessage.copyOf(ours)).isSameAs(ours);
        assertThatThrownBy(() -> RowMQMessage.copyOf(null)).isInstanceOf(JMSException.class);
    }
}
