package io.rowmq.jms.message;

import io.rowmq.protocol.BodyType;
import io.rowmq.protocol.MessageRecord;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;

import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

/**
 * A RowMQ message without a body, and the headers, properties and record mapping every RowMQ
 * message shares. A new message is writable; one made by {@link #fromRecord} has read-only
 * properties and body until {@link #clearProperties()} / {@link #clearBody()}. Not thread-safe,
 * as the specification allows.
 */
public class RowMQMessage implements Message {
    private String messageId;
    private long timestamp;
    private String correlationId;
    private Destination replyTo;
    private Destination destination;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private boolean redelivered;
    private String type;
    private long expiration;
    private long deliveryTime;
    private int priority = Message.DEFAULT_PRIORITY;
    private final MessageProperties properties = new MessageProperties();
    private boolean bodyReadOnly;
    private MessageAcknowledger acknowledger;

    public RowMQMessage() {
    }

    // ---- record mapping ------------------------------------------------------------------

    /** Encodes headers, properties (without JMSXDeliveryCount) and body; the message is not changed. */
    public MessageRecord toRecord() throws JMSException {
        return MessageRecords.toRecord(this);
    }

    /**
     * The message a consumer hands to the application: the subclass of the record's body type,
     * JMSRedelivered when {@code deliveryCount > 1}, property JMSXDeliveryCount, and read-only
     * properties and body.
     */
    public static RowMQMessage fromRecord(MessageRecord record, int deliveryCount) throws JMSException {
        return MessageRecords.fromRecord(record, deliveryCount);
    }

    /** As {@link #fromRecord(MessageRecord, int)}, from the encoded record of a delivery. */
    public static RowMQMessage fromRecord(byte[] encodedRecord, int deliveryCount) throws JMSException {
        return MessageRecords.fromRecord(MessageRecords.decode(encodedRecord), deliveryCount);
    }

    /**
     * A RowMQ copy of a message of another provider (headers, properties, body by type), so it
     * can be sent (Jakarta Messaging 3.12). The foreign message's body is read from the start;
     * a BytesMessage or StreamMessage is left in read mode. A RowMQ message is returned as it is.
     */
    public static RowMQMessage copyOf(Message foreign) throws JMSException {
        return ForeignMessages.copyOf(foreign);
    }

    // ---- acknowledgement -----------------------------------------------------------------

    /** Set by the consumer that delivered this message; null for a message that was not received. */
    public void setAcknowledger(MessageAcknowledger acknowledger) {
        this.acknowledger = acknowledger;
    }

    @Override
    public void acknowledge() throws JMSException {
        MessageAcknowledger current = acknowledger;
        if (current != null) {
            current.acknowledge();
        }
    }

    // ---- body hooks (overridden by the typed messages) ------------------------------------

    BodyType bodyType() {
        return BodyType.NONE;
    }

    /** The body as the record carries it; null for no body. */
    byte[] encodeBody() throws JMSException {
        return null;
    }

    /** Fills the body from a received record's body. */
    void decodeBody(byte[] body) throws JMSException {
    }

    /** Empties the body (clearBody without the mode change). */
    void clearBodyContent() {
    }

    /** Switches the body to what a received message has: read-only, positioned at the start. */
    void markBodyReceived() {
        bodyReadOnly = true;
    }

    /** What getBody returns; null when the message has no body. */
    Object bodyValue() throws JMSException {
        return null;
    }

    /** A few words on the body for toString, never its content. */
    String bodySummary() {
        return "no body";
    }

    final boolean isBodyReadOnly() {
        return bodyReadOnly;
    }

    final void setBodyReadOnly(boolean readOnly) {
        this.bodyReadOnly = readOnly;
    }

    final void checkBodyWritable() throws MessageNotWriteableException {
        if (bodyReadOnly) {
            throw new MessageNotWriteableException(describe()
                    + ": the body is read-only (a received message, or after reset()); call clearBody() to write it");
        }
    }

    /** The type and, when it has one, the message id: the subject of error messages. */
    final String describe() {
        return messageId == null ? getClass().getSimpleName() : getClass().getSimpleName() + " " + messageId;
    }

    final MessageProperties properties() {
        return properties;
    }

    /** Makes properties and body read-only, as on a received message. */
    final void markReceived() {
        properties.setReadOnly(true);
        markBodyReceived();
    }

    @Override
    public void clearBody() throws JMSException {
        clearBodyContent();
        bodyReadOnly = false;
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        Object body = bodyValue();
        if (body == null) {
            return null;
        }
        if (!isAssignable(body, c)) {
            throw new MessageFormatException(describe() + ": the body is a "
                    + TypeConversions.typeName(body) + " and cannot be assigned to " + c.getName());
        }
        return c.cast(body);
    }

    @Override
    public boolean isBodyAssignableTo(@SuppressWarnings("rawtypes") Class c) throws JMSException {
        Object body = bodyValue();
        return body == null || isAssignable(body, c);
    }

    /** Whether a non-null body value may be returned as {@code c}. */
    boolean isAssignable(Object body, Class<?> c) {
        return c.isInstance(body);
    }

    // ---- headers -------------------------------------------------------------------------

    @Override
    public String getJMSMessageID() {
        return messageId;
    }

    @Override
    public void setJMSMessageID(String id) {
        this.messageId = id;
    }

    @Override
    public long getJMSTimestamp() {
        return timestamp;
    }

    @Override
    public void setJMSTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    /** The correlation id as bytes: each char of the string id as one byte (ISO-8859-1), see D17. */
    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        return correlationId == null ? null : correlationId.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Stores the bytes as a string of one char per byte (ISO-8859-1), so every byte array comes back unchanged. */
    @Override
    public void setJMSCorrelationIDAsBytes(byte[] correlationId) {
        this.correlationId = correlationId == null ? null : new String(correlationId, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void setJMSCorrelationID(String correlationId) {
        this.correlationId = correlationId;
    }

    @Override
    public String getJMSCorrelationID() {
        return correlationId;
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }

    @Override
    public void setJMSReplyTo(Destination replyTo) {
        this.replyTo = replyTo;
    }

    @Override
    public Destination getJMSDestination() {
        return destination;
    }

    @Override
    public void setJMSDestination(Destination destination) {
        this.destination = destination;
    }

    @Override
    public int getJMSDeliveryMode() {
        return deliveryMode;
    }

    @Override
    public void setJMSDeliveryMode(int deliveryMode) {
        this.deliveryMode = deliveryMode;
    }

    @Override
    public boolean getJMSRedelivered() {
        return redelivered;
    }

    @Override
    public void setJMSRedelivered(boolean redelivered) {
        this.redelivered = redelivered;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public void setJMSType(String type) {
        this.type = type;
    }

    @Override
    public long getJMSExpiration() {
        return expiration;
    }

    @Override
    public void setJMSExpiration(long expiration) {
        this.expiration = expiration;
    }

    @Override
    public long getJMSDeliveryTime() {
        return deliveryTime;
    }

    @Override
    public void setJMSDeliveryTime(long deliveryTime) {
        this.deliveryTime = deliveryTime;
    }

    @Override
    public int getJMSPriority() {
        return priority;
    }

    @Override
    public void setJMSPriority(int priority) {
        this.priority = priority;
    }

    // ---- properties ----------------------------------------------------------------------

    @Override
    public void clearProperties() {
        properties.clear();
    }

    @Override
    public boolean propertyExists(String name) {
        return properties.exists(name);
    }

    @Override
    public boolean getBooleanProperty(String name) throws JMSException {
        return properties.getBoolean(name);
    }

    @Override
    public byte getByteProperty(String name) throws JMSException {
        return properties.getByte(name);
    }

    @Override
    public short getShortProperty(String name) throws JMSException {
        return properties.getShort(name);
    }

    @Override
    public int getIntProperty(String name) throws JMSException {
        return properties.getInt(name);
    }

    @Override
    public long getLongProperty(String name) throws JMSException {
        return properties.getLong(name);
    }

    @Override
    public float getFloatProperty(String name) throws JMSException {
        return properties.getFloat(name);
    }

    @Override
    public double getDoubleProperty(String name) throws JMSException {
        return properties.getDouble(name);
    }

    @Override
    public String getStringProperty(String name) throws JMSException {
        return properties.getString(name);
    }

    @Override
    public Object getObjectProperty(String name) {
        return TypeConversions.toObject(properties.get(name));
    }

    @Override
    public Enumeration<String> getPropertyNames() {
        return properties.names();
    }

    @Override
    public void setBooleanProperty(String name, boolean value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setByteProperty(String name, byte value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setShortProperty(String name, short value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setIntProperty(String name, int value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setLongProperty(String name, long value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setFloatProperty(String name, float value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setDoubleProperty(String name, double value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setStringProperty(String name, String value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setObjectProperty(String name, Object value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(96).append(getClass().getSimpleName()).append("[id=").append(messageId);
        if (destination != null) {
            s.append(", destination=").append(destination);
        }
        if (redelivered) {
            s.append(", redelivered");
        }
        if (properties.size() > 0) {
            s.append(", properties=").append(properties.size());
        }
        return s.append(", ").append(bodySummary()).append(']').toString();
    }
}
