package io.rowmq.jms;

import jakarta.jms.CompletionListener;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends with a CompletionListener: the listener runs on the session's own completion thread,
 * never on the caller's or the I/O thread, in the order the sends were made. close() and
 * commit() wait for the outstanding ones (JMS 2.0, 7.3).
 */
final class AsyncSends {
    private static final Logger LOG = Logger.getLogger(AsyncSends.class.getName());

    private final RowMQSession session;
    private final Object lock = new Object();
    private ExecutorService callbacks;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private int outstanding;

    AsyncSends(RowMQSession session) {
        this.session = session;
    }

    /** Tracks a send in flight; {@code listener} hears of its outcome after the listeners of earlier sends. */
    void track(CompletableFuture<?> sent, Message message, CompletionListener listener, String what) {
        CompletableFuture<Throwable> outcome = sent.handle((ok, error) -> error);
        synchronized (lock) {
            outstanding++;
            if (callbacks == null) {
                callbacks = Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "rowmq-completion-" + session.id());
                    thread.setDaemon(true);
                    return thread;
                });
            }
            tail = tail.thenCombineAsync(outcome, (previous, error) -> {
                complete(message, listener, what, error);
                return (Void) null;
            }, callbacks).exceptionally(e -> null);
        }
    }

    private void complete(Message message, CompletionListener listener, String what, Throwable error) {
        Object previous = ConnectionDeliveryThreads.enter(new ConnectionDeliveryThreads.CompletionCallback(session));
        try {
            if (error == null) {
                listener.onCompletion(message);
            } else {
                listener.onException(message, JmsErrors.toJms(what, error));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "CompletionListener threw for " + what, e);
        } finally {
            ConnectionDeliveryThreads.exit(previous);
            done();
        }
    }

    private void done() {
        synchronized (lock) {
            outstanding--;
            lock.notifyAll();
        }
    }

    /** Waits until every tracked send has called its listener. */
    void awaitAll() throws JMSException {
        synchronized (lock) {
            while (outstanding > 0) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new JMSException("Interrupted while waiting for " + outstanding + " asynchronous sends");
                }
            }
        }
    }

    void shutdown() {
        ExecutorService executor;
        synchronized (lock) {
            executor = callbacks;
            callbacks = null;
        }
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
