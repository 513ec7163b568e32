package io.rowmq.broker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Work on a key (a topic, a queue) that needs a value whose first look-up blocks (the topic's
 * metadata, the queue's writer and its write lease), run in the order the work arrived. The first
 * caller of a key without a value starts the look-up on the set-up pool; callers that come while
 * it runs wait in a queue and are handed the value in arrival order. So a pipelining idempotent
 * producer's sends reach the writer in sequence order: a later send stored first would make the
 * earlier ones look like duplicates. Once nothing waits, callers go straight to the cached value.
 */
final class ArrivalOrder<K, V> {
    private final Executor setup;
    /** Key -> work waiting for the value, in arrival order; guarded by itself. */
    private final ConcurrentMap<K, ArrayDeque<Waiter<V>>> waiting = new ConcurrentHashMap<>();

    /** Work waiting for the value, or told why there is none. */
    @FunctionalInterface
    private interface Waiter<V> {
        void handOver(V value, Throwable failure);
    }

    ArrivalOrder(Executor setup) {
        this.setup = setup;
    }

    /**
     * Runs {@code work} with the key's value after all work that arrived for the key before it.
     *
     * @param cached the value if it is known already (a cheap look-up), else null
     * @param lookUp gets the value, blocking; runs on the set-up pool
     */
    <R> CompletableFuture<R> run(K key, Supplier<V> cached, Callable<V> lookUp, Function<V, CompletableFuture<R>> work) {
        V value = cached.get();
        if (value != null && !waiting.containsKey(key)) {
            return work.apply(value);
        }
        CompletableFuture<R> result = new CompletableFuture<>();
        Waiter<V> waiter = (found, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
            try {
                work.apply(found).whenComplete((done, error) -> {
                    if (error != null) {
                        result.completeExceptionally(error);
                    } else {
                        result.complete(done);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        };
        synchronized (waiting) {
            value = cached.get();
            ArrayDeque<Waiter<V>> queued = waiting.get(key);
            if (queued == null && value == null) {
                try {
                    setup.execute(() -> lookUpAndHandOver(key, lookUp));
                } catch (RejectedExecutionException stopping) {
                    result.completeExceptionally(stopping);
                    return result;
                }
                queued = new ArrayDeque<>();
                waiting.put(key, queued);
            }
            if (queued != null) {
                queued.add(waiter);
                return result;
            }
        }
        waiter.handOver(value, null);
        return result;
    }

    private void lookUpAndHandOver(K key, Callable<V> lookUp) {
        V value = null;
        Throwable failure = null;
        try {
            value = lookUp.call();
        } catch (Exception | Error e) {
            failure = e;
        }
        while (true) {
            List<Waiter<V>> batch;
            synchronized (waiting) {
                ArrayDeque<Waiter<V>> queued = waiting.get(key);
                if (queued.isEmpty()) {
                    waiting.remove(key);
                    return;
                }
                batch = new ArrayList<>(queued);
                queued.clear();
                if (failure != null) {
                    // a caller arriving from now on must look up again, not inherit this failure
                    waiting.remove(key);
                }
            }
            if (failure != null) {
                for (Waiter<V> waiter : batch) {
                    waiter.handOver(null, failure);
                }
                return;
            }
            for (Waiter<V> waiter : batch) {
                waiter.handOver(value, failure);
            }
        }
    }
}
