package io.rowmq.jms;

import io.rowmq.jms.message.RowMQMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueSender;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;

/**
 * A JMS producer. Sets the headers the spec gives the provider (destination, delivery mode,
 * priority, expiration, delivery time, timestamp, message id), encodes the message once and
 * hands the record to its session, which stores it or keeps it for the transaction.
 */
final class RowMQMessageProducer implements MessageProducer, QueueSender, TopicPublisher {
    private final RowMQSession session;
    private final RowMQDestination destination;
    private final ProducerSettings settings = new ProducerSettings();
    private volatile boolean closed;

    RowMQMessageProducer(RowMQSession session, RowMQDestination destination) {
        this.session = session;
        this.destination = destination;
    }

    ProducerSettings settings() {
        return settings;
    }

    // ---- settings

    @Override
    public void setDisableMessageID(boolean value) throws JMSException {
        checkOpen();
        settings.disableMessageId = value;
    }

    @Override
    public boolean getDisableMessageID() throws JMSException {
        checkOpen();
        return settings.disableMessageId;
    }

    @Override
    public void setDisableMessageTimestamp(boolean value) throws JMSException {
        checkOpen();
        settings.disableTimestamp = value;
    }

    @Override
    public boolean getDisableMessageTimestamp() throws JMSException {
        checkOpen();
        return settings.disableTimestamp;
    }

    @Override
    public void setDeliveryMode(int deliveryMode) throws JMSException {
        checkOpen();
        settings.deliveryMode = ProducerSettings.checkDeliveryMode(deliveryMode);
    }

    @Override
    public int getDeliveryMode() throws JMSException {
        checkOpen();
        return settings.deliveryMode;
    }

    @Override
    public void setPriority(int priority) throws JMSException {
        checkOpen();
        settings.priority = ProducerSettings.checkPriority(priority);
    }

    @Override
    public int getPriority() throws JMSException {
        checkOpen();
        return settings.priority;
    }

    @Override
    public void setTimeToLive(long timeToLive) throws JMSException {
        checkOpen();
        settings.timeToLive = timeToLive;
    }

    @Override
    public long getTimeToLive() throws JMSException {
        checkOpen();
        return settings.timeToLive;
    }

    @Override
    public void setDeliveryDelay(long deliveryDelay) throws JMSException {
        checkOpen();
        settings.deliveryDelay = deliveryDelay;
    }

    @Override
    public long getDeliveryDelay() throws JMSException {
        checkOpen();
        return settings.deliveryDelay;
    }

    @Override
    public Destination getDestination() throws JMSException {
        checkOpen();
        return destination;
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return destination instanceof Queue queue ? queue : null;
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkOpen();
        return destination instanceof Topic topic ? topic : null;
    }

    // ---- sends to the producer's destination

    @Override
    public void send(Message message) throws JMSException {
        send(message, settings.deliveryMode, settings.priority, settings.timeToLive);
    }

    @Override
    public void send(Message message, int deliveryMode, int priority, long timeToLive) throws JMSException {
        sendToOwn(message, deliveryMode, priority, timeToLive, null);
    }

    @Override
    public void send(Message message, CompletionListener listener) throws JMSException {
        send(message, settings.deliveryMode, settings.priority, settings.timeToLive, listener);
    }

    @Override
    public void send(Message message, int deliveryMode, int priority, long timeToLive, CompletionListener listener)
            throws JMSException {
        requireListener(listener);
        sendToOwn(message, deliveryMode, priority, timeToLive, listener);
    }

    private void sendToOwn(Message message, int deliveryMode, int priority, long timeToLive,
                           CompletionListener listener) throws JMSException {
        checkOpen();
        if (destination == null) {
            throw new UnsupportedOperationException("This producer was created without a destination;"
                    + " use send(destination, message)");
        }
        doSend(destination, message, deliveryMode, priority, timeToLive, listener);
    }

    // ---- sends to a destination given per call

    @Override
    public void send(Destination target, Message message) throws JMSException {
        send(target, message, settings.deliveryMode, settings.priority, settings.timeToLive);
    }

    @Override
    public void send(Destination target, Message message, int deliveryMode, int priority, long timeToLive)
            throws JMSException {
        sendToGiven(target, message, deliveryMode, priority, timeToLive, null);
    }

    @Override
    public void send(Destination target, Message message, CompletionListener listener) throws JMSException {
        send(target, message, settings.deliveryMode, settings.priority, settings.timeToLive, listener);
    }

    @Override
    public void send(Destination target, Message message, int deliveryMode, int priority, long timeToLive,
                     CompletionListener listener) throws JMSException {
        requireListener(listener);
        sendToGiven(target, message, deliveryMode, priority, timeToLive, listener);
    }

    private void sendToGiven(Destination target, Message message, int deliveryMode, int priority, long timeToLive,
                             CompletionListener listener) throws JMSException {
        checkOpen();
        if (destination != null) {
            throw new UnsupportedOperationException("This producer was created for " + destination
                    + "; use send(message) or a producer without a destination");
        }
        if (target == null) {
            throw new InvalidDestinationException("send: the destination must not be null");
        }
        doSend(RowMQDestination.of(target), message, deliveryMode, priority, timeToLive, listener);
    }

    @Override
    public void publish(Message message) throws JMSException {
        send(message);
    }

    @Override
    public void publish(Message message, int deliveryMode, int priority, long timeToLive) throws JMSException {
        send(message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void publish(Topic topic, Message message) throws JMSException {
        send(topic, message);
    }

    @Override
    public void publish(Topic topic, Message message, int deliveryMode, int priority, long timeToLive)
            throws JMSException {
        send(topic, message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Queue queue, Message message) throws JMSException {
        send((Destination) queue, message);
    }

    @Override
    public void send(Queue queue, Message message, int deliveryMode, int priority, long timeToLive)
            throws JMSException {
        send((Destination) queue, message, deliveryMode, priority, timeToLive);
    }

    private static void requireListener(CompletionListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("CompletionListener must not be null");
        }
    }

    /** Sets the provider's headers on the message (and on a foreign original), encodes it, sends it. */
    void doSend(RowMQDestination target, Message message, int deliveryMode, int priority, long timeToLive,
                CompletionListener listener) throws JMSException {
        if (message == null) {
            throw new MessageFormatException("Cannot send a null message");
        }
        ProducerSettings.checkDeliveryMode(deliveryMode);
        ProducerSettings.checkPriority(priority);
        RowMQMessage ours = message instanceof RowMQMessage own ? own : RowMQMessage.copyOf(message);
        long now = System.currentTimeMillis();
        String messageId = session.connection().nextMessageId();
        long expiration = timeToLive > 0 ? now + timeToLive : 0;
        long deliveryTime = now + Math.max(0, settings.deliveryDelay);
        long timestamp = settings.disableTimestamp ? 0 : now;
        setHeaders(ours, target, deliveryMode, priority, expiration, deliveryTime, timestamp, messageId);
        if (ours != message) {
            setHeaders(message, target, deliveryMode, priority, expiration, deliveryTime, timestamp, messageId);
        }
        byte[] record = ours.toRecord().encode();
        session.send(target, record, message, listener);
    }

    private static void setHeaders(Message message, RowMQDestination target, int deliveryMode, int priority,
                                   long expiration, long deliveryTime, long timestamp, String messageId)
            throws JMSException {
        message.setJMSDestination(target);
        message.setJMSDeliveryMode(deliveryMode);
        message.setJMSPriority(priority);
        message.setJMSExpiration(expiration);
        message.setJMSDeliveryTime(deliveryTime);
        message.setJMSTimestamp(timestamp);
        message.setJMSMessageID(messageId);
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (session.inCompletionListener()) {
            throw new IllegalStateException("A CompletionListener must not close its own producer (JMS 2.0, 7.3.8)");
        }
        closed = true;
        session.producerClosed(this);
    }

    void closeQuietly() {
        closed = true;
    }

    private void checkOpen() throws JMSException {
        if (closed) {
            throw new IllegalStateException("Producer is closed");
        }
        session.checkOpen();
    }

    @Override
    public String toString() {
        return "RowMQMessageProducer[" + (destination == null ? "no destination" : destination)
                + (closed ? ", closed" : "") + "]";
    }
}
