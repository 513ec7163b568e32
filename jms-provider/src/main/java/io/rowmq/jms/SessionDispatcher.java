package io.rowmq.jms;

import io.rowmq.jms.message.RowMQMessage;
import io.rowmq.protocol.Delivery;
import jakarta.jms.JMSException;
import jakarta.jms.MessageListener;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The session's one delivery thread: hands buffered messages to MessageListeners one at a time
 * (a session is single-threaded), round robin over its consumers. Holding {@link #deliveryLock}
 * while a listener runs lets stop() and close() wait for the current message to finish.
 */
final class SessionDispatcher implements Runnable {
    private static final Logger LOG = Logger.getLogger(SessionDispatcher.class.getName());

    private final RowMQSession session;
    private final ReentrantLock deliveryLock = new ReentrantLock();
    private final ReentrantLock signalLock = new ReentrantLock();
    private final Condition signal = signalLock.newCondition();
    private volatile boolean pending;
    private volatile boolean stopped;
    private Thread thread;

    SessionDispatcher(RowMQSession session) {
        this.session = session;
    }

    /** Starts the thread if it is not running yet. */
    synchronized void ensureStarted() {
        if (thread == null && !stopped) {
            thread = new Thread(this, "rowmq-session-" + session.id());
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Something may be ready to deliver. */
    void wake() {
        signalLock.lock();
        try {
            pending = true;
            signal.signalAll();
        } finally {
            signalLock.unlock();
        }
    }

    /** Waits until no listener is running (unless called from the listener itself). */
    void awaitIdle() {
        if (deliveryLock.isHeldByCurrentThread()) {
            return;
        }
        deliveryLock.lock();
        deliveryLock.unlock();
    }

    /** Stops delivering; waits for the running listener to return unless called from it. */
    void stop() {
        stopped = true;
        wake();
        awaitIdle();
    }

    boolean isDeliveryThread() {
        return Thread.currentThread() == thread;
    }

    @Override
    public void run() {
        Object previous = ConnectionDeliveryThreads.enter(session);
        try {
            while (!stopped) {
                boolean delivered = deliverRound();
                if (!delivered) {
                    session.flushAutoAcks();
                    awaitSignal();
                }
            }
        } finally {
            ConnectionDeliveryThreads.exit(previous);
        }
    }

    private boolean deliverRound() {
        boolean delivered = false;
        for (RowMQMessageConsumer consumer : session.consumers()) {
            MessageListener listener = consumer.listener();
            if (listener == null || consumer.isClosed()) {
                continue;
            }
            deliveryLock.lock();
            try {
                if (stopped || !session.connection().isStarted()) {
                    return false;
                }
                Delivery delivery = consumer.buffer().poll();
                if (delivery != null) {
                    deliverOne(consumer, listener, delivery);
                    delivered = true;
                }
            } catch (JMSException e) {
                session.connection().reportAsync(e);
            } finally {
                deliveryLock.unlock();
            }
        }
        return delivered;
    }

    private void deliverOne(RowMQMessageConsumer consumer, MessageListener listener, Delivery delivery)
            throws JMSException {
        RowMQMessage message = session.toMessage(consumer, delivery);
        if (message == null) {
            return;
        }
        session.beforeListener(consumer, delivery, message);
        try {
            listener.onMessage(message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MessageListener of " + consumer + " threw on message " + message.getJMSMessageID()
                    + "; it will be redelivered (AUTO/DUPS_OK) or stays unacknowledged (CLIENT/transacted)", e);
            session.listenerFailed(consumer, delivery);
            return;
        }
        session.afterListener(consumer, delivery);
    }

    private void awaitSignal() {
        signalLock.lock();
        try {
            if (!pending && !stopped) {
                signal.await(100, TimeUnit.MILLISECONDS);
            }
            pending = false;
        } catch (InterruptedException e) {
            stopped = true;
        } finally {
            signalLock.unlock();
        }
    }
}
