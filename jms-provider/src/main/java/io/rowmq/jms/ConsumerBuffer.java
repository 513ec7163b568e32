package io.rowmq.jms;

import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.MessageRef;
import jakarta.jms.JMSException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The messages one consumer has fetched (claimed) but not yet handed to the application, and
 * the one FETCH long poll that refills them. At most {@code prefetch} messages are claimed ahead;
 * a consumer that is closed gives back what it had not delivered, without counting an attempt.
 */
final class ConsumerBuffer {
    private static final Logger LOG = Logger.getLogger(ConsumerBuffer.class.getName());
    /** Longest single long poll: a receive with a longer timeout polls again. */
    static final int MAX_POLL_MS = 1_000;

    private final RowMQConnection connection;
    private volatile long consumerId;
    private final int prefetch;
    private final Runnable onArrival;
    private final Runnable beforeWaiting;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Delivery> deliveries = new ArrayDeque<>();
    private boolean fetching;
    private boolean closed;
    private boolean listening;
    private Throwable failure;

    ConsumerBuffer(RowMQConnection connection, long consumerId, int prefetch, Runnable onArrival,
                   Runnable beforeWaiting) {
        this.connection = connection;
        this.consumerId = consumerId;
        this.prefetch = prefetch;
        this.onArrival = onArrival;
        this.beforeWaiting = beforeWaiting;
    }

    long consumerId() {
        return consumerId;
    }

    /**
     * The next delivery, waiting until {@code deadline} (epoch ms); null when the time is up or
     * the consumer or connection closes. With {@code noWait}, one immediate fetch is made.
     */
    Delivery take(long deadline, boolean noWait) throws JMSException {
        lock.lock();
        try {
            boolean polledOnce = false;
            while (true) {
                if (closed || connection.isClosed()) {
                    return null;
                }
                throwFailure();
                connection.checkOpen();
                boolean started = connection.isStarted();
                if (started && !deliveries.isEmpty()) {
                    return deliveries.poll();
                }
                long now = System.currentTimeMillis();
                if (!started || fetching) {
                    if (noWait && !fetching) {
                        return null;
                    }
                } else if (noWait) {
                    if (polledOnce) {
                        return null;
                    }
                    requestLocked(0);
                    polledOnce = true;
                } else if (now < deadline) {
                    requestLocked((int) Math.max(1, Math.min(deadline - now, MAX_POLL_MS)));
                }
                if (!noWait && now >= deadline) {
                    return null;
                }
                beforeWaiting.run();
                long waitMs = noWait ? MAX_POLL_MS : Math.min(deadline - now, MAX_POLL_MS);
                changed.await(waitMs, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** A delivery for a listener, or null when none is ready; keeps a fetch going while listening. */
    Delivery poll() throws JMSException {
        lock.lock();
        try {
            throwFailure();
            if (closed || !connection.isStarted()) {
                return null;
            }
            Delivery next = deliveries.poll();
            if (listening && !fetching && deliveries.size() <= prefetch / 2 && !connection.isClosed()) {
                requestLocked(MAX_POLL_MS * 2);
            }
            return next;
        } finally {
            lock.unlock();
        }
    }

    /** Listener mode keeps a fetch going whenever the connection is started. */
    void listening(boolean value) {
        lock.lock();
        try {
            listening = value;
            if (value && !fetching && !closed && connection.isStarted() && !connection.isClosed()) {
                requestLocked(MAX_POLL_MS * 2);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes waiting receivers after a start, stop or close of the connection or session. */
    void wake() {
        lock.lock();
        try {
            if (listening && !fetching && !closed && connection.isStarted() && !connection.isClosed()) {
                requestLocked(MAX_POLL_MS * 2);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Puts a delivery back at the front, to be handed out again (not counted as a new delivery). */
    void pushBack(Delivery delivery) {
        lock.lock();
        try {
            deliveries.addFirst(delivery);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The consumer was subscribed again on a new broker connection: what was buffered belonged to
     * the lost one (the broker gives those messages out again), so it is dropped.
     */
    void reattach(long newConsumerId) {
        lock.lock();
        try {
            deliveries.clear();
            failure = null;
            fetching = false;
            consumerId = newConsumerId;
            if (listening && !closed && connection.isStarted()) {
                requestLocked(MAX_POLL_MS * 2);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns what is buffered, for a recover or rollback that gives it back to the broker. */
    List<Delivery> drain() {
        lock.lock();
        try {
            List<Delivery> drained = new ArrayList<>(deliveries);
            deliveries.clear();
            return drained;
        } finally {
            lock.unlock();
        }
    }

    /** Stops fetching and gives back what was not delivered. */
    void close() {
        List<Delivery> rest;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            rest = drain();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        giveBack(rest);
    }

    private void requestLocked(int waitMs) {
        if (connection.isRecovering()) {
            return;
        }
        fetching = true;
        int credit = Math.max(1, prefetch - deliveries.size());
        long requestedFor = consumerId;
        connection.transport().fetch(requestedFor, credit, waitMs)
                .whenComplete((batch, error) -> fetched(requestedFor, batch, error));
    }

    private void fetched(long requestedFor, List<Delivery> batch, Throwable error) {
        boolean arrived;
        boolean transientError = error != null && connection.reconnects() && JmsErrors.isTransient(error);
        List<Delivery> refused = null;
        lock.lock();
        try {
            if (requestedFor != consumerId) {
                return;
            }
            fetching = false;
            if (error != null) {
                if (!closed && !connection.isClosed() && !connection.isRecovering() && !transientError) {
                    failure = error;
                }
            } else if (closed) {
                refused = batch;
            } else {
                deliveries.addAll(batch);
            }
            arrived = !deliveries.isEmpty();
            if (!arrived && listening && !closed && error == null && connection.isStarted()
                    && !connection.isClosed()) {
                requestLocked(MAX_POLL_MS * 2);
            }
            if (!transientError) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (refused != null) {
            giveBack(refused);
        }
        if (arrived || (error != null && !transientError)) {
            onArrival.run();
        }
    }

    private void throwFailure() throws JMSException {
        Throwable error = failure;
        if (error != null) {
            failure = null;
            throw JmsErrors.toJms("Receiving on consumer " + consumerId, error);
        }
    }

    private void giveBack(List<Delivery> deliveries) {
        if (deliveries.isEmpty() || connection.isClosed() || !connection.transport().isOpen()) {
            return;
        }
        List<MessageRef> refs = new ArrayList<>(deliveries.size());
        for (Delivery delivery : deliveries) {
            refs.add(delivery.ref());
        }
        connection.transport().release(consumerId, refs, "not delivered before the consumer closed", false)
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        LOG.log(Level.FINE, "Consumer " + consumerId + " could not give back " + refs.size()
                                + " prefetched messages; the broker releases them when their lease expires", error);
                    }
                });
    }
}
