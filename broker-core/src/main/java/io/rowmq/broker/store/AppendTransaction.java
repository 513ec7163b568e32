package io.rowmq.broker.store;

import com.mysql.cj.jdbc.StatementImpl;
import io.rowmq.protocol.RecordHeader;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * One group commit, in one round trip to the database whenever it fits in one packet. A lone
 * row without a producer-sequence checkpoint is a server-side prepared INSERT, its payload sent
 * as bytes. Several rows are one multi-row INSERT in autocommit, as text ({@link InsertText}):
 * one statement is atomic by itself and its first id comes back in the OK packet. When a
 * checkpoint is due ({@link ProducerSequences}), rows and checkpoint go as a single
 * multi-statement {@code START TRANSACTION; INSERT ...; SELECT LAST_INSERT_ID(); INSERT INTO
 * producer ...; COMMIT}. A commit whose text would pass the server's {@code max_allowed_packet}
 * is split into several INSERTs inside one transaction. The single writer of the queue makes the
 * ids of one statement consecutive, so its first id gives them all.
 */
final class AppendTransaction {
    /**
     * The largest statement sent as text. The driver sizes its packet buffer for a text statement
     * at 4 bytes a character, so one text commit holds about 7 times this in transient heap.
     */
    static final int MAX_TEXT_BYTES = 1 << 20;
    /**
     * A payload larger than this never goes into text: it is inserted alone, streamed to the
     * server in the driver's long-data chunks (1 MiB). Sent as one bound byte array instead, it
     * would grow the connection's shared send buffer to its size for the life of the connection.
     */
    static final int LARGE_PAYLOAD_BYTES = 64 << 10;
    /** Room left in a packet for the command header, three 255-character trace strings and query attributes. */
    private static final int PACKET_SLACK = 8192;
    private static final String ONE_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** What the session's server variables fix for appends, read once per writer. */
    record SessionLimits(int increment, long maxAllowedPacket) {
        static SessionLimits read(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT @@auto_increment_increment, @@max_allowed_packet")) {
                row.next();
                return new SessionLimits(row.getInt(1), row.getLong(2));
            }
        }

        /** The largest message that fits a prepared single-row INSERT's packet. */
        long maxRowBytes() {
            return maxAllowedPacket - PACKET_SLACK;
        }

        /** The longest statement sent as text. */
        long textBudget() {
            return Math.min(MAX_TEXT_BYTES, maxRowBytes());
        }
    }

    private AppendTransaction() {
    }

    /** Stores the rows and sequences atomically; returns the rows' offsets in order. */
    static long[] execute(Connection connection, QueueRef queue, List<QueueTable.Row> rows, Map<Long, Long> sequences,
                          SessionLimits limits) throws SQLException {
        if (rows.size() == 1 && sequences.isEmpty()) {
            return offsets(queue, insertPrepared(connection, queue.tableName(), rows.get(0)), 1, limits.increment());
        }
        long text = InsertText.insertOverhead(queue.tableName()) + 256 + sequences.size() * 64L;
        boolean large = false;
        for (QueueTable.Row row : rows) {
            text += InsertText.rowLength(row);
            large |= row.payload().length > LARGE_PAYLOAD_BYTES;
        }
        if (large || text > limits.textBudget()) {
            return inChunks(connection, queue, rows, sequences, limits);
        }
        try (Statement statement = connection.createStatement()) {
            statement.setEscapeProcessing(false);
            if (sequences.isEmpty()) {
                statement.executeUpdate(InsertText.insert(queue.tableName(), rows));
                return offsets(queue, lastInsertId(statement), rows.size(), limits.increment());
            }
            try {
                long first = run(statement, InsertText.transaction(queue.tableName(), rows, queue.queueId(), sequences));
                return offsets(queue, first, rows.size(), limits.increment());
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        }
    }

    /**
     * A commit too large for one statement, or holding a large payload: INSERTs of at most the
     * text budget each (a large payload alone, as a prepared statement), then the checkpoint, in
     * one transaction.
     */
    private static long[] inChunks(Connection connection, QueueRef queue, List<QueueTable.Row> rows,
                                   Map<Long, Long> sequences, SessionLimits limits) throws SQLException {
        connection.setAutoCommit(false);
        long[] offsets;
        try {
            offsets = insertChunks(connection, queue, rows, sequences, limits);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollback(connection, e);
            try {
                connection.setAutoCommit(true);
            } catch (SQLException restoreFailure) {
                e.addSuppressed(restoreFailure);
            }
            throw e;
        }
        connection.setAutoCommit(true);
        return offsets;
    }

    private static long[] insertChunks(Connection connection, QueueRef queue, List<QueueTable.Row> rows,
                                       Map<Long, Long> sequences, SessionLimits limits) throws SQLException {
        long budget = limits.textBudget() - InsertText.insertOverhead(queue.tableName());
        long[] offsets = new long[rows.size()];
        try (Statement statement = connection.createStatement()) {
            statement.setEscapeProcessing(false);
            int start = 0;
            while (start < rows.size()) {
                int end = start + 1;
                long length = InsertText.rowLength(rows.get(start));
                boolean alone = isLarge(rows.get(start), budget);
                while (!alone && end < rows.size() && !isLarge(rows.get(end), budget)
                        && length + InsertText.rowLength(rows.get(end)) <= budget) {
                    length += InsertText.rowLength(rows.get(end++));
                }
                List<QueueTable.Row> chunk = rows.subList(start, end);
                long first;
                if (alone) {
                    first = insertPrepared(connection, queue.tableName(), chunk.get(0));
                } else {
                    statement.executeUpdate(InsertText.insert(queue.tableName(), chunk));
                    first = lastInsertId(statement);
                }
                System.arraycopy(offsets(queue, first, chunk.size(), limits.increment()), 0, offsets, start, chunk.size());
                start = end;
            }
            if (!sequences.isEmpty()) {
                statement.executeUpdate(InsertText.checkpoint(queue.queueId(), sequences));
            }
            return offsets;
        }
    }

    private static boolean isLarge(QueueTable.Row row, long textBudget) {
        return row.payload().length > LARGE_PAYLOAD_BYTES || InsertText.rowLength(row) > textBudget;
    }

    /** One row through a server-side prepared statement, cached per connection; returns its id. */
    private static long insertPrepared(Connection connection, String table, QueueTable.Row row) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + table + InsertText.COLUMNS + ONE_ROW,
                Statement.RETURN_GENERATED_KEYS)) {
            RecordHeader header = row.header();
            statement.setString(1, QueueTable.truncate(header.messageId()));
            statement.setString(2, QueueTable.truncate(header.correlationId()));
            statement.setString(3, QueueTable.truncate(header.type()));
            statement.setLong(4, row.producerId());
            statement.setLong(5, row.sequence());
            statement.setLong(6, header.timestamp());
            statement.setLong(7, header.expiration());
            statement.setLong(8, header.deliverAt());
            statement.setInt(9, header.priority());
            byte[] payload = row.payload();
            if (payload.length > LARGE_PAYLOAD_BYTES) {
                statement.setBinaryStream(10, new ByteArrayInputStream(payload), payload.length);
            } else {
                statement.setBytes(10, payload);
            }
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : 0;
            }
        }
    }

    /**
     * The first id of the statement's INSERT, from its OK packet. Asking through
     * {@code RETURN_GENERATED_KEYS} instead would make the driver scan the whole text for
     * {@code ON DUPLICATE KEY UPDATE}.
     */
    private static long lastInsertId(Statement statement) throws SQLException {
        return statement.unwrap(StatementImpl.class).getLastInsertID();
    }

    private static long[] offsets(QueueRef queue, long first, int count, int increment) throws SQLException {
        if (count > 0 && first <= 0) {
            throw new SQLException(queue + ": the database returned no insert id for " + count + " rows");
        }
        long[] offsets = new long[count];
        for (int i = 0; i < count; i++) {
            offsets[i] = first + (long) i * increment;
        }
        return offsets;
    }

    /** Runs the statements and returns the value of their SELECT LAST_INSERT_ID(). */
    private static long run(Statement statement, String sql) throws SQLException {
        long first = 0;
        boolean isResult = statement.execute(sql);
        while (true) {
            if (isResult) {
                try (ResultSet result = statement.getResultSet()) {
                    if (result.next()) {
                        first = result.getLong(1);
                    }
                }
            } else if (statement.getUpdateCount() == -1) {
                return first;
            }
            isResult = statement.getMoreResults();
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ROLLBACK");
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
