package io.rowmq.bench.raw;

import io.rowmq.bench.Result;
import io.rowmq.bench.TimedLoad;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Raw (b)/(c): N writers, each on its own connection and its own queue table (one writer per
 * queue, as in the broker), each inserting batches of 100 rows with one commit per batch.
 */
public final class BatchedInsertPhase {
    public static final int BATCH = 100;

    private final RawDatabase database;

    public BatchedInsertPhase(RawDatabase database) {
        this.database = database;
    }

    /** The id of the row for {@code writers} writers: raw-b for 4, raw-c1 / raw-c16 for the others. */
    public static String id(int writers) {
        return writers == 4 ? "raw-b" : "raw-c" + writers;
    }

    public Result run(int writers, Duration warmup, Duration measure) throws Exception {
        List<Writer> workers = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                String table = "bench_raw_batch_" + i;
                database.createQueueTable(table);
                workers.add(new Writer(database.connect(), table, i + 1));
            }
            TimedLoad.Measurement m = TimedLoad.run(id(writers), workers, warmup, measure);
            return new Result(id(writers), "raw JDBC batched insert",
                    writers + " writer" + (writers == 1 ? "" : "s") + " x own table, " + BATCH
                            + " rows/commit; latency per batch", m.rate(), "rows/s", m.latency(), null);
        } finally {
            for (Writer worker : workers) {
                worker.close();
            }
            for (int i = 0; i < writers; i++) {
                database.dropTable("bench_raw_batch_" + i);
            }
        }
    }

    /** One writer: its connection, its table, its producer numbering. */
    public static final class Writer implements TimedLoad.Worker, AutoCloseable {
        private final Connection connection;
        private final PreparedStatement insert;
        private final MessageRows rows;

        public Writer(Connection connection, String table, long producerId) throws SQLException {
            this.connection = connection;
            connection.setAutoCommit(false);
            this.insert = connection.prepareStatement(MessageRows.insertSql(table));
            this.rows = new MessageRows(producerId);
        }

        @Override
        public int runOnce() throws SQLException {
            for (int i = 0; i < BATCH; i++) {
                rows.bindNext(insert);
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
            return BATCH;
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
