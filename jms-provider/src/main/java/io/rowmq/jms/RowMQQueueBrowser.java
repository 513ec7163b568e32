package io.rowmq.jms;

import io.rowmq.jms.message.RowMQMessage;
import io.rowmq.protocol.BrowseCursor;
import io.rowmq.protocol.BrowsePage;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.MessageRecord;
import io.rowmq.protocol.selector.Selector;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;

import java.util.ArrayDeque;
import java.util.Enumeration;
import java.util.NoSuchElementException;

/**
 * A QueueBrowser: pages through the messages the queue's group would still deliver (BROWSE,
 * nothing claimed or changed), filtering them with the selector on the client. Each
 * {@link #getEnumeration()} starts a fresh walk from the queue's current head.
 */
final class RowMQQueueBrowser implements QueueBrowser {
    private static final int PAGE_SIZE = 100;

    private final RowMQSession session;
    private final RowMQQueue queue;
    private final Selector selector;
    private volatile boolean closed;

    RowMQQueueBrowser(RowMQSession session, RowMQQueue queue, Selector selector) {
        this.session = session;
        this.queue = queue;
        this.selector = selector;
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return queue;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return selector == null ? null : selector.text();
    }

    @Override
    public Enumeration<Message> getEnumeration() throws JMSException {
        checkOpen();
        return new Walk();
    }

    @Override
    public void close() throws JMSException {
        closed = true;
        session.browserClosed(this);
    }

    void closeQuietly() {
        closed = true;
    }

    private void checkOpen() throws JMSException {
        if (closed) {
            throw new IllegalStateException("QueueBrowser on " + queue + " is closed");
        }
        session.checkOpen();
    }

    /** One enumeration: fetches pages lazily, skips what the selector rejects. */
    private final class Walk implements Enumeration<Message> {
        private final ArrayDeque<Message> ready = new ArrayDeque<>();
        private BrowseCursor cursor = BrowseCursor.START;
        private boolean exhausted;

        @Override
        public boolean hasMoreElements() {
            try {
                fill();
            } catch (JMSException e) {
                throw new BrowseFailedException("Browsing " + queue + " failed: " + e.getMessage(), e);
            }
            return !ready.isEmpty();
        }

        @Override
        public Message nextElement() {
            if (!hasMoreElements()) {
                throw new NoSuchElementException("No more messages on " + queue);
            }
            return ready.poll();
        }

        private void fill() throws JMSException {
            while (ready.isEmpty() && !exhausted && !closed) {
                BrowsePage page = Await.result("Browsing " + queue, session.connection().transport()
                        .browse(queue.brokerTopic(), Subscription.QUEUE_GROUP, cursor, PAGE_SIZE));
                cursor = page.next();
                exhausted = page.exhausted();
                for (Delivery delivery : page.deliveries()) {
                    MessageRecord record = MessageRecord.decode(delivery.record());
                    if (selector == null || selector.matches(record)) {
                        ready.add(RowMQMessage.fromRecord(record, delivery.deliveryCount()));
                    }
                }
            }
        }
    }

    /** Unchecked carrier of a browse failure: Enumeration methods cannot throw JMSException. */
    private static final class BrowseFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BrowseFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
