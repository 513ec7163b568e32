package io.rowmq.bench;

import io.rowmq.jms.provider.IoTransport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The command line of {@link BenchmarkMain}, validated once.
 *
 * @param warmup   load applied before each measured phase, not counted
 * @param measure  how long each throughput phase is measured
 * @param folder   where the embedded MariaDB keeps its binaries and data; null = a temporary folder
 * @param keepData whether the MariaDB folder survives the run
 * @param rawOnly  whether to skip the phases through the broker
 * @param only     the ids of the phases to run (mq-e2e/mq-confirm run together, as do mq-consume and
 *                 its heap rows); empty = all
 * @param transport the socket transport of the broker and of every client (auto = epoll where available)
 */
public record BenchmarkOptions(Duration warmup, Duration measure, Path folder, boolean keepData, boolean rawOnly,
                               Set<String> only, IoTransport transport) {

    /** Every phase id {@code --only} accepts. */
    static final Set<String> PHASES = Set.of("raw-a", "raw-a-gap", "raw-net", "raw-b", "raw-c1", "raw-c16", "raw-d", "mq-sync",
            "mq-sync-noid", "mq-p4", "mq-p1", "mq-p16", "mq-consume", "mq-e2e", "mq-confirm", "jms-sync", "jms-tx100",
            "jms-async", "jms-consume", "jms-e2e");

    static final String USAGE = "usage: java -Xmx256m -cp <classpath> io.rowmq.bench.BenchmarkMain"
            + " [--quick] [--seconds N] [--warmup N] [--data-dir DIR] [--keep-data] [--raw-only]"
            + " [--only ID,ID,...] [--transport auto|nio|epoll]";

    public BenchmarkOptions {
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("--warmup must be >= 0 seconds, was " + warmup.toSeconds());
        }
        if (measure.toMillis() < 1000) {
            throw new IllegalArgumentException("--seconds must be >= 1, was " + measure.toSeconds());
        }
        for (String id : only) {
            if (!PHASES.contains(id)) {
                throw new IllegalArgumentException("--only: unknown phase '" + id + "'; phases are " + PHASES);
            }
        }
        only = Set.copyOf(only);
        if (transport == null) {
            throw new IllegalArgumentException("--transport must be auto, nio or epoll");
        }
    }

    /** Whether the phase with this id is to run. */
    public boolean runs(String id) {
        return only.isEmpty() || only.contains(id);
    }

    /** Whether any phase through the broker is to run. */
    public boolean runsBroker() {
        return !rawOnly && (only.isEmpty() || only.stream().anyMatch(id -> id.startsWith("mq-") || id.startsWith("jms-")));
    }

    /** Parses the arguments; {@code --quick} is 1 s warm-up and 3 s per phase, the default 3 s and 10 s. */
    public static BenchmarkOptions parse(String... args) {
        long warmup = 3;
        long seconds = 10;
        Path folder = null;
        boolean keep = false;
        boolean rawOnly = false;
        Set<String> only = Set.of();
        IoTransport transport = IoTransport.AUTO;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> {
                    warmup = 1;
                    seconds = 3;
                }
                case "--seconds" -> seconds = Long.parseLong(value(args, ++i));
                case "--warmup" -> warmup = Long.parseLong(value(args, ++i));
                case "--data-dir" -> folder = Path.of(value(args, ++i));
                case "--keep-data" -> keep = true;
                case "--raw-only" -> rawOnly = true;
                case "--only" -> only = Set.of(value(args, ++i).split(","));
                case "--transport" -> transport = IoTransport.parse(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'\n" + USAGE);
            }
        }
        return new BenchmarkOptions(Duration.ofSeconds(warmup), Duration.ofSeconds(seconds), folder, keep, rawOnly, only,
                transport);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value\n" + USAGE);
        }
        return args[i];
    }
}
