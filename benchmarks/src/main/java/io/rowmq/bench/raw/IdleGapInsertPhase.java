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
 * Raw (a) with a pause before each insert: the same single-row autocommit INSERT, but the
 * connection sits idle for {@link #GAP_MICROS} first, as the broker's writer does between two
 * sends of a synchronous producer (the confirm travels to the client and the next send back).
 * Only the INSERT is timed. On a virtual machine the database's thread and CPU go idle in the
 * gap and are slower to wake, so this is the insert latency a broker in between can hope for
 * (docs/decisions.md D12). Its rate counts the pauses, so compare latencies, not rates.
 */
public final class IdleGapInsertPhase {
    public static final String ID = "raw-a-gap";
    public static final long GAP_MICROS = 200;
    private static final String TABLE = "bench_raw_a_gap";

    private final RawDatabase database;

    public IdleGapInsertPhase(RawDatabase database) {
        this.database = database;
    }

    public Result run(Duration warmup, Duration measure) throws Exception {
        database.createQueueTable(TABLE);
        try (Connection connection = database.connect();
             PreparedStatement insert = connection.prepareStatement(MessageRows.insertSql(TABLE))) {
            connection.setAutoCommit(true);
            TimedLoad.Measurement m = TimedLoad.run(ID, List.of(new Writer(insert)), warmup, measure);
            return new Result(ID, "raw JDBC single-row insert after idle", "1 writer, autocommit, " + GAP_MICROS
                    + " us idle before each insert (not timed); latency per insert, rate with the pauses",
                    m.rate(), "rows/s", m.latency(), null);
        } finally {
            database.dropTable(TABLE);
        }
    }

    /** Single-row inserts into a table the caller created, each after {@link #GAP_MICROS} idle. */
    public static final class Writer implements TimedLoad.Worker {
        private final PreparedStatement insert;
        private final MessageRows rows = new MessageRows(1);

        public Writer(PreparedStatement insert) {
            this.insert = insert;
        }

        @Override
        public void pause() {
            LockSupport.parkNanos(GAP_MICROS * 1000);
        }

        @Override
        public int runOnce() throws SQLException {
            rows.bindNext(insert);
            return insert.executeUpdate();
        }
    }
}
