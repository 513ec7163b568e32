package io.rowmq.broker;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class ArrivalOrderTest {
    private final ExecutorService setup = Executors.newCachedThreadPool();
    private final ArrivalOrder<String, String> order = new ArrivalOrder<>(setup);

    @AfterEach
    void stop() {
        setup.shutdownNow();
    }

    @Test
    void workThatWaitsForTheValueRunsInArrivalOrderAndLookUpRunsOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> cache = new AtomicReference<>();
        AtomicInteger lookUps = new AtomicInteger();
        List<Integer> ran = new ArrayList<>();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            results.add(order.run("k", cache::get, () -> {
                lookUps.incrementAndGet();
                release.await();
                cache.set("value");
                return "value";
            }, value -> {
                synchronized (ran) {
                    ran.add(n);
                }
                return CompletableFuture.completedFuture(n);
            }));
            if (i == 50) {
                release.countDown();
            }
        }
        for (int i = 0; i < 100; i++) {
            assertThat(results.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
        }
        assertThat(ran).as("order the work ran in").isSorted().hasSize(100);
        assertThat(lookUps).hasValue(1);
    }

    @Test
    void aFailedLookUpFailsEveryWaiterAndTheNextCallerTriesAgain() throws Exception {
        // many rounds: the next caller used to inherit the failure when it came in while the
        // failed look-up was still handing it over
        for (int round = 0; round < 300; round++) {
            String key = "k" + round;
            CompletableFuture<String> first = order.run(key, () -> null, () -> {
                throw new IllegalStateException("database down");
            }, CompletableFuture::completedFuture);
            assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("database down");
            assertThat(order.run(key, () -> null, () -> "back", CompletableFuture::completedFuture)
                    .get(10, TimeUnit.SECONDS)).as("round %d", round).isEqualTo("back");
        }
    }

    @Test
    void aCachedValueWithNothingWaitingIsUsedOnTheCallersThread() {
        Thread caller = Thread.currentThread();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        order.run("k", () -> "cached", () -> {
            throw new AssertionError("no look-up expected");
        }, value -> {
            ranOn.set(Thread.currentThread());
            return CompletableFuture.completedFuture(value);
        });
        assertThat(ranOn).hasValue(caller);
    }
}
