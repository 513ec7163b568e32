package io.rowmq.bench.raw;

import io.rowmq.bench.Result;
import io.rowmq.bench.TimedLoad;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Raw (d): one reader scanning a table of 50,000 rows of 1 KiB by id range, 1,000 rows per
 * SELECT, every column read as a consumer would; it starts over at the end of the table.
 */
public final class RangeReadPhase {
    public static final String ID = "raw-d";
    public static final int ROWS = 50_000;
    public static final int PAGE = 1_000;
    private static final String TABLE = "bench_raw_d";

    private final RawDatabase database;

    public RangeReadPhase(RawDatabase database) {
        this.database = database;
    }

    public Result run(Duration warmup, Duration measure) throws Exception {
        database.createQueueTable(TABLE);
        try {
            fill();
            try (Connection connection = database.connect();
                 PreparedStatement select = connection.prepareStatement("SELECT id, " + MessageRows.COLUMNS
                         + " FROM " + TABLE + " WHERE id > ? ORDER BY id LIMIT " + PAGE)) {
                Reader reader = new Reader(select);
                TimedLoad.Measurement m = TimedLoad.run(ID, List.of(reader), warmup, measure);
                return new Result(ID, "raw JDBC range read", String.format("1 reader, %,d rows, LIMIT %,d by id;"
                        + " latency per SELECT", ROWS, PAGE), m.rate(), "rows/s", m.latency(), null);
            }
        } finally {
            database.dropTable(TABLE);
        }
    }

    private void fill() throws SQLException {
        try (BatchedInsertPhase.Writer writer = new BatchedInsertPhase.Writer(database.connect(), TABLE, 99)) {
            for (int done = 0; done < ROWS; ) {
                done += writer.runOnce();
            }
        }
    }

    /** Reads the next page after the last id it saw; wraps to the start at the end of the table. */
    private static final class Reader implements TimedLoad.Worker {
        private final PreparedStatement select;
        private long lastId;

        Reader(PreparedStatement select) {
            this.select = select;
        }

        @Override
        public int runOnce() throws SQLException {
            select.setLong(1, lastId);
            int rows = 0;
            long bytes = 0;
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    lastId = rs.getLong(1);
                    bytes += rs.getString(2).length() + rs.getString(3).length() + rs.getString(4).length();
                    bytes += rs.getLong(5) + rs.getLong(6) + rs.getLong(7) + rs.getLong(8) + rs.getLong(9) + rs.getInt(10);
                    bytes += rs.getBytes(11).length;
                    rows++;
                }
            }
            if (rows < PAGE) {
                lastId = 0;
            }
            if (bytes == 0 && rows > 0) {
                throw new IllegalStateException("Read " + rows + " empty rows from " + TABLE);
            }
            return rows;
        }
    }
}
