package io.rowmq.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs a set of closed-loop workers, each on its own thread, for a warm-up and then a measured
 * window, without stopping in between. Each call of {@link Worker#runOnce()} is timed (its
 * latency goes into a histogram in microseconds) and the units it reports are counted.
 */
public final class TimedLoad {

    /** One unit of work: an insert, a committed batch, a range read, a confirmed produce. */
    @FunctionalInterface
    public interface Worker {
        /** Does one unit and returns how many rows or messages it moved. */
        int runOnce() throws Exception;

        /** Runs before each {@link #runOnce()}, outside the timing: a think time. None by default. */
        default void pause() throws Exception {
        }
    }

    /** What the measured window saw. */
    public record Measurement(long units, double seconds, Histogram latencyMicros) {
        public double rate() {
            return units / seconds;
        }

        public Latency latency() {
            return Latency.fromMicros(latencyMicros);
        }
    }

    private TimedLoad() {
    }

    public static Measurement run(String phase, List<? extends Worker> workers, Duration warmup, Duration measure) {
        LongAdder units = new LongAdder();
        Recorder recorder = new Recorder(3);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        Stop stop = new Stop();
        for (int i = 0; i < workers.size(); i++) {
            Worker worker = workers.get(i);
            Thread thread = new Thread(() -> loop(worker, stop, units, recorder, failure), phase + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        sleep(warmup, failure);
        recorder.getIntervalHistogram();
        long before = units.sum();
        long start = System.nanoTime();
        sleep(measure, failure);
        long after = units.sum();
        long end = System.nanoTime();
        Histogram latency = recorder.getIntervalHistogram();
        stop.requested = true;
        for (Thread thread : threads) {
            join(thread);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Phase '" + phase + "' failed: " + failure.get(), failure.get());
        }
        return new Measurement(after - before, (end - start) / 1e9, latency);
    }

    private static void loop(Worker worker, Stop stop, LongAdder units, Recorder recorder,
                             AtomicReference<Throwable> failure) {
        try {
            while (!stop.requested && failure.get() == null) {
                worker.pause();
                long t0 = System.nanoTime();
                int done = worker.runOnce();
                recorder.recordValue(Math.max(0, (System.nanoTime() - t0) / 1000));
                units.add(done);
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
    }

    private static void sleep(Duration duration, AtomicReference<Throwable> failure) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (failure.get() == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                Thread.sleep(Math.min(100, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while measuring", e);
            }
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(60_000);
            if (thread.isAlive()) {
                throw new IllegalStateException("Worker " + thread.getName() + " did not stop within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping " + thread.getName(), e);
        }
    }

    private static final class Stop {
        volatile boolean requested;
    }
}
