package io.rowmq.jms.message;

import io.netty.handler.codec.CorruptedFrameException;
import io.rowmq.jms.RowMQDestination;
import io.rowmq.protocol.BodyType;
import io.rowmq.protocol.MessageRecord;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;

import java.util.Map;

/**
 * Maps a {@link RowMQMessage} to the wire's {@link MessageRecord} and back: headers to the
 * record's fixed fields (docs/protocol.md, "Message record"), properties to its property
 * section, the body through the subclass's codec.
 */
final class MessageRecords {

    private MessageRecords() {
    }

    static MessageRecord toRecord(RowMQMessage message) throws JMSException {
        int priority = message.getJMSPriority();
        if (priority < 0 || priority > 9) {
            throw new JMSException(message.describe() + " has JMSPriority " + priority
                    + "; a message can only be sent with a priority of 0..9");
        }
        MessageRecord.Builder b = MessageRecord.builder()
                .persistent(message.getJMSDeliveryMode() != DeliveryMode.NON_PERSISTENT)
                .bodyType(message.bodyType())
                .priority(priority)
                .timestamp(message.getJMSTimestamp())
                .expiration(message.getJMSExpiration())
                .deliverAt(message.getJMSDeliveryTime())
                .messageId(message.getJMSMessageID())
                .correlationId(message.getJMSCorrelationID())
                .type(message.getJMSType())
                .replyTo(wireName(message.getJMSReplyTo()))
                .destination(wireName(message.getJMSDestination()));
        for (Map.Entry<String, Object> property : message.properties().asMap().entrySet()) {
            if (!PropertyNames.DELIVERY_COUNT.equals(property.getKey())) {
                b.property(property.getKey(), property.getValue());
            }
        }
        return b.body(message.encodeBody()).build();
    }

    private static String wireName(Destination destination) throws JMSException {
        return destination == null ? null : RowMQDestination.of(destination).toWireName();
    }

    static MessageRecord decode(byte[] encodedRecord) throws JMSException {
        try {
            return MessageRecord.decode(encodedRecord);
        } catch (CorruptedFrameException e) {
            throw withCause(new JMSException("Cannot read a delivered message: " + e.getMessage()), e);
        }
    }

    static RowMQMessage fromRecord(MessageRecord record, int deliveryCount) throws JMSException {
        RowMQMessage message = newMessage(record.bodyType());
        message.setJMSMessageID(record.messageId());
        message.setJMSDeliveryMode(record.persistent() ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
        message.setJMSPriority(record.priority());
        message.setJMSTimestamp(record.timestamp());
        message.setJMSExpiration(record.expiration());
        message.setJMSDeliveryTime(record.deliverAt() != 0 ? record.deliverAt() : record.timestamp());
        message.setJMSCorrelationID(record.correlationId());
        message.setJMSType(record.type());
        message.setJMSReplyTo(destination(record, record.replyTo(), "replyTo"));
        message.setJMSDestination(destination(record, record.destination(), "destination"));
        message.setJMSRedelivered(deliveryCount > 1);
        MessageProperties properties = message.properties();
        record.properties().forEach(properties::putReceived);
        properties.putReceived(PropertyNames.DELIVERY_COUNT, deliveryCount);
        try {
            message.decodeBody(record.body());
        } catch (CorruptedFrameException e) {
            throw withCause(new JMSException("Message " + record.messageId() + " has a malformed "
                    + record.bodyType() + " body: " + e.getMessage()), e);
        }
        message.markReceived();
        return message;
    }

    private static RowMQMessage newMessage(BodyType type) {
        return switch (type) {
            case NONE -> new RowMQMessage();
            case TEXT -> new RowMQTextMessage();
            case BYTES -> new RowMQBytesMessage();
            case MAP -> new RowMQMapMessage();
            case STREAM -> new RowMQStreamMessage();
            case OBJECT -> new RowMQObjectMessage();
        };
    }

    private static Destination destination(MessageRecord record, String wireName, String field) throws JMSException {
        try {
            return RowMQDestination.fromWireName(wireName);
        } catch (IllegalArgumentException e) {
            throw withCause(new JMSException("Message " + record.messageId() + " has an unreadable " + field
                    + ": " + e.getMessage()), e);
        }
    }

    static <E extends JMSException> E withCause(E exception, Exception cause) {
        exception.setLinkedException(cause);
        exception.initCause(cause);
        return exception;
    }
}
