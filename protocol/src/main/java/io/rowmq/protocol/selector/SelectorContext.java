package io.rowmq.protocol.selector;

/**
 * What a selector may look at in a message: the six header fields the specification names and
 * the message's properties. Other header names (JMSDestination, JMSReplyTo, JMSExpiration,
 * JMSRedelivered, ...) are looked up as properties, so they are NULL for ordinary messages.
 */
public interface SelectorContext {

    /** JMSDeliveryMode: {@code "PERSISTENT"} or {@code "NON_PERSISTENT"}. */
    String deliveryMode();

    /** JMSPriority, 0..9. */
    int priority();

    /** JMSMessageID, or null. */
    String messageId();

    /** JMSTimestamp, epoch milliseconds (0 when the producer disabled timestamps). */
    long timestamp();

    /** JMSCorrelationID, or null. */
    String correlationId();

    /** JMSType, or null. */
    String type();

    /**
     * The value of a property: Boolean, Byte, Short, Integer, Long, Float, Double or String
     * (Character and byte[] are carried but never compare as anything), or null when absent.
     */
    Object property(String name);
}
