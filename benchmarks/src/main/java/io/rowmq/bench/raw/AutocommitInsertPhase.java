package io.rowmq.bench.raw;

import io.rowmq.bench.Result;
import io.rowmq.bench.TimedLoad;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;

/** Raw (a): one writer, one row per INSERT, autocommit: one durable commit per row. */
public final class AutocommitInsertPhase {
    public static final String ID = "raw-a";
    private static final String TABLE = "bench_raw_a";

    private final RawDatabase database;

    public AutocommitInsertPhase(RawDatabase database) {
        this.database = database;
    }

    public Result run(Duration warmup, Duration measure) throws Exception {
        database.createQueueTable(TABLE);
        MessageRows rows = new MessageRows(1);
        try (Connection connection = database.connect();
             PreparedStatement insert = connection.prepareStatement(MessageRows.insertSql(TABLE))) {
            connection.setAutoCommit(true);
            TimedLoad.Measurement m = TimedLoad.run(ID, List.of(() -> {
                rows.bindNext(insert);
                return insert.executeUpdate();
            }), warmup, measure);
            return new Result(ID, "raw JDBC single-row insert", "1 writer, autocommit; latency per insert",
                    m.rate(), "rows/s", m.latency(), null);
        } finally {
            database.dropTable(TABLE);
        }
    }
}
