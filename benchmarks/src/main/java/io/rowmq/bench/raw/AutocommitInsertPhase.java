package io.rowmq.bench.raw;

import io.rowmq.bench.Result;
import io.rowmq.bench.TimedLoad;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Raw (a): one writer, one row per INSERT, autocommit: one durable commit per row. Its variant
 * raw-a-gap lets the connection sit idle for {@link #GAP_MICROS} (untimed) before each INSERT,
 * as the broker's writer does between two sends of a synchronous producer (the confirm travels
 * to the client and the next send back). On a virtual machine the database's thread and CPU go
 * idle in the gap and are slower to wake, so raw-a-gap is the insert latency a broker in between
 * can hope for (docs/decisions.md D12). Its rate counts the pauses: compare latencies.
 */
public final class AutocommitInsertPhase {
    public static final String ID = "raw-a";
    public static final String GAP_ID = "raw-a-gap";
    public static final long GAP_MICROS = 200;

    private final RawDatabase database;

    public AutocommitInsertPhase(RawDatabase database) {
        this.database = database;
    }

    /** raw-a, back to back. */
    public Result run(Duration warmup, Duration measure) throws Exception {
        return run(ID, 0, "raw JDBC single-row insert", "1 writer, autocommit; latency per insert", warmup, measure);
    }

    /** raw-a-gap: each insert after {@link #GAP_MICROS} idle. */
    public Result runAfterIdle(Duration warmup, Duration measure) throws Exception {
        return run(GAP_ID, GAP_MICROS, "raw JDBC single-row insert after idle", "1 writer, autocommit, " + GAP_MICROS
                + " us idle before each insert (not timed); latency per insert, rate with the pauses", warmup, measure);
    }

    private Result run(String id, long gapMicros, String name, String settings, Duration warmup, Duration measure)
            throws Exception {
        String table = "bench_" + id.replace('-', '_');
        database.createQueueTable(table);
        try (Connection connection = database.connect();
             PreparedStatement insert = connection.prepareStatement(MessageRows.insertSql(table))) {
            connection.setAutoCommit(true);
            TimedLoad.Measurement m = TimedLoad.run(id, List.of(new Writer(insert, gapMicros)), warmup, measure);
            return new Result(id, name, settings, m.rate(), "rows/s", m.latency(), null);
        } finally {
            database.dropTable(table);
        }
    }

    /** Single-row inserts into a table the caller created, each after {@code gapMicros} idle (0: none). */
    public static final class Writer implements TimedLoad.Worker {
        private final PreparedStatement insert;
        private final long gapMicros;
        private final MessageRows rows = new MessageRows(1);

        public Writer(PreparedStatement insert, long gapMicros) {
            this.insert = insert;
            this.gapMicros = gapMicros;
        }

        @Override
        public void pause() {
            if (gapMicros > 0) {
                LockSupport.parkNanos(gapMicros * 1000);
            }
        }

        @Override
        public int runOnce() throws SQLException {
            rows.bindNext(insert);
            return insert.executeUpdate();
        }
    }
}
