package io.rowmq.broker;

import io.rowmq.broker.store.StoreErrors;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's threads: queue writers, group dispatch, admin work and one timer. Writers and
 * dispatch run serial executors on their pools, so the pools only bound how many queues and
 * groups touch the database at once.
 */
final class EngineThreads {
    private static final Logger LOG = Logger.getLogger(EngineThreads.class.getName());

    /** A piece of admin work that may fail with a SQLException. */
    interface SqlTask<T> {
        T run() throws Exception;
    }

    private final ExecutorService writers = Executors.newCachedThreadPool(named("rowmq-writer"));
    private final ExecutorService dispatch = Executors.newCachedThreadPool(named("rowmq-dispatch"));
    private final ExecutorService admin = Executors.newCachedThreadPool(named("rowmq-admin"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(named("rowmq-timer"));

    ExecutorService writers() {
        return writers;
    }

    ExecutorService dispatch() {
        return dispatch;
    }

    /** For blocking set-up work (leases, metadata) that must not run on a network thread. */
    ExecutorService adminPool() {
        return admin;
    }

    <T> CompletableFuture<T> admin(String what, SqlTask<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            admin.execute(() -> {
                try {
                    result.complete(task.run());
                } catch (Throwable e) {
                    result.completeExceptionally(StoreErrors.translate(what, e));
                }
            });
        } catch (RuntimeException rejected) {
            result.completeExceptionally(StoreErrors.translate(what + " (the broker is stopping)", rejected));
        }
        return result;
    }

    void every(long periodMs, Runnable task) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Periodic broker task failed; it runs again in " + periodMs + " ms", e);
            }
        }, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    void stopTimers() {
        timer.shutdownNow();
    }

    /** Lets the writers finish the commits already queued, for at most 10 seconds. */
    void drainWriters() {
        writers.shutdown();
        try {
            if (!writers.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warning("Queue writers did not finish within 10 s; unconfirmed sends will be retried by producers");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void shutdown() {
        dispatch.shutdownNow();
        admin.shutdownNow();
        writers.shutdownNow();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
