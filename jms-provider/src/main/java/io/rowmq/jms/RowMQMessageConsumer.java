package io.rowmq.jms;

import io.rowmq.jms.message.RowMQMessage;
import io.rowmq.protocol.Delivery;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;

import java.util.function.Predicate;

/**
 * A JMS consumer: one broker consumer on its {@link Subscription}, fed by {@link ConsumerBuffer}.
 * Synchronous receives take from the buffer on the caller's thread; with a MessageListener the
 * session's delivery thread does.
 */
final class RowMQMessageConsumer implements MessageConsumer, QueueReceiver, TopicSubscriber {
    private final RowMQSession session;
    private final RowMQDestination destination;
    private final Subscription subscription;
    private final String selector;
    private final String brokerSelector;
    private final boolean noLocal;
    private final ConsumerBuffer buffer;
    private volatile MessageListener listener;
    private volatile boolean closed;

    RowMQMessageConsumer(RowMQSession session, RowMQDestination destination, Subscription subscription,
                         String selector, String brokerSelector, boolean noLocal, long consumerId, int prefetch) {
        this.session = session;
        this.destination = destination;
        this.subscription = subscription;
        this.selector = selector;
        this.brokerSelector = brokerSelector;
        this.noLocal = noLocal;
        this.buffer = new ConsumerBuffer(session.connection(), consumerId, prefetch, session::deliveryReady,
                session::flushAutoAcks);
    }

    RowMQDestination destination() {
        return destination;
    }

    Subscription subscription() {
        return subscription;
    }

    long consumerId() {
        return buffer.consumerId();
    }

    ConsumerBuffer buffer() {
        return buffer;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return selector;
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return listener;
    }

    @Override
    public void setMessageListener(MessageListener newListener) throws JMSException {
        checkOpen();
        this.listener = newListener;
        session.listenerChanged(this, newListener != null);
    }

    MessageListener listener() {
        return listener;
    }

    @Override
    public Message receive() throws JMSException {
        return receive(0);
    }

    @Override
    public Message receive(long timeout) throws JMSException {
        return receive(timeout, null);
    }

    @Override
    public Message receiveNoWait() throws JMSException {
        return receive(-1);
    }

    /**
     * Receives the next message, waiting {@code timeout} ms (0 = for ever, negative = not at all).
     * When {@code accept} refuses the message (receiveBody of the wrong type), an AUTO or DUPS_OK
     * session puts it back to be received again; the other modes count it as delivered (JMS 2.0, 8.6).
     */
    RowMQMessage receive(long timeout, Predicate<RowMQMessage> accept) throws JMSException {
        checkOpen();
        if (listener != null) {
            throw new IllegalStateException("Consumer on " + destination
                    + " has a MessageListener; it cannot also receive synchronously");
        }
        long deadline = timeout == 0 ? Long.MAX_VALUE : timeout < 0 ? 0 : System.currentTimeMillis() + timeout;
        while (true) {
            Delivery delivery = buffer.take(deadline, timeout < 0);
            if (delivery == null) {
                return null;
            }
            RowMQMessage message = session.toMessage(this, delivery);
            if (message == null) {
                continue;
            }
            if (accept != null && !accept.test(message)) {
                if (session.effectiveMode() == jakarta.jms.Session.AUTO_ACKNOWLEDGE
                        || session.effectiveMode() == jakarta.jms.Session.DUPS_OK_ACKNOWLEDGE) {
                    buffer.pushBack(delivery);
                } else {
                    session.delivered(this, delivery, message);
                }
                return message;
            }
            session.delivered(this, delivery, message);
            return message;
        }
    }

    /** Subscribes again on the connection's new transport after a reconnect. */
    void resubscribe() throws JMSException {
        long consumerId = Await.result("Subscribing " + this + " again after a reconnect",
                session.connection().transport().subscribe(subscription.topic(), subscription.group(),
                        subscription.kind(), brokerSelector, true));
        buffer.reattach(consumerId);
    }

    /** True when the message must be dropped (settled unseen): published by this connection to a noLocal consumer. */
    boolean dropsAsLocal(RowMQMessage message) throws JMSException {
        String id = message.getJMSMessageID();
        return noLocal && id != null && id.startsWith(session.connection().messageIdPrefix());
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

    @Override
    public boolean getNoLocal() throws JMSException {
        checkOpen();
        return noLocal;
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        closed = true;
        buffer.close();
        session.consumerClosed(this);
    }

    /** Closed by its session or connection: same as close, without telling the session. */
    void closeQuietly() {
        closed = true;
        buffer.close();
    }

    private void checkOpen() throws JMSException {
        if (closed) {
            throw new IllegalStateException("Consumer on " + destination + " is closed");
        }
        session.checkOpen();
    }

    @Override
    public String toString() {
        return "RowMQMessageConsumer[" + destination + ", group " + subscription.group()
                + (selector == null ? "" : ", selector " + selector) + (closed ? ", closed" : "") + "]";
    }
}
