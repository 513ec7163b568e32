package io.rowmq.jms.message;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;

import java.io.ByteArrayOutputStream;
import java.util.Enumeration;

/**
 * Copies a message implemented by another provider into the matching RowMQ type (Jakarta
 * Messaging 3.12): headers, properties and the body read through the foreign message's own
 * API. Destinations are copied as they are; they become RowMQ destinations when the copy is
 * encoded.
 */
final class ForeignMessages {
    private static final int COPY_CHUNK = 8192;

    private ForeignMessages() {
    }

    static RowMQMessage copyOf(Message foreign) throws JMSException {
        if (foreign == null) {
            throw new jakarta.jms.MessageFormatException("Cannot copy a null message");
        }
        if (foreign instanceof RowMQMessage ours) {
            return ours;
        }
        RowMQMessage copy = copyBody(foreign);
        copyHeaders(foreign, copy);
        copyProperties(foreign, copy);
        return copy;
    }

    private static RowMQMessage copyBody(Message foreign) throws JMSException {
        if (foreign instanceof TextMessage text) {
            return new RowMQTextMessage(text.getText());
        }
        if (foreign instanceof BytesMessage bytes) {
            RowMQBytesMessage copy = new RowMQBytesMessage();
            copy.writeBytes(readAll(bytes));
            return copy;
        }
        if (foreign instanceof MapMessage map) {
            RowMQMapMessage copy = new RowMQMapMessage();
            for (Enumeration<?> names = map.getMapNames(); names.hasMoreElements(); ) {
                String name = (String) names.nextElement();
                copy.setObject(name, map.getObject(name));
            }
            return copy;
        }
        if (foreign instanceof StreamMessage stream) {
            RowMQStreamMessage copy = new RowMQStreamMessage();
            stream.reset();
            try {
                while (true) {
                    copy.writeObject(stream.readObject());
                }
            } catch (MessageEOFException endOfStream) {
                stream.reset(); // every value copied; leave the foreign message readable from the start
            }
            return copy;
        }
        if (foreign instanceof ObjectMessage object) {
            RowMQObjectMessage copy = new RowMQObjectMessage();
            copy.setObject(object.getObject());
            return copy;
        }
        return new RowMQMessage();
    }

    private static byte[] readAll(BytesMessage bytes) throws JMSException {
        bytes.reset();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] chunk = new byte[COPY_CHUNK];
        for (int n = bytes.readBytes(chunk); n > 0; n = bytes.readBytes(chunk)) {
            all.write(chunk, 0, n);
        }
        bytes.reset();
        return all.toByteArray();
    }

    private static void copyHeaders(Message foreign, RowMQMessage copy) throws JMSException {
        copy.setJMSMessageID(foreign.getJMSMessageID());
        copy.setJMSTimestamp(foreign.getJMSTimestamp());
        copy.setJMSCorrelationID(foreign.getJMSCorrelationID());
        copy.setJMSReplyTo(foreign.getJMSReplyTo());
        copy.setJMSDestination(foreign.getJMSDestination());
        copy.setJMSDeliveryMode(foreign.getJMSDeliveryMode());
        copy.setJMSRedelivered(foreign.getJMSRedelivered());
        copy.setJMSType(foreign.getJMSType());
        copy.setJMSExpiration(foreign.getJMSExpiration());
        copy.setJMSDeliveryTime(foreign.getJMSDeliveryTime());
        copy.setJMSPriority(foreign.getJMSPriority());
    }

    private static void copyProperties(Message foreign, RowMQMessage copy) throws JMSException {
        for (Enumeration<?> names = foreign.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            copy.setObjectProperty(name, foreign.getObjectProperty(name));
        }
    }
}
