package io.rowmq.broker.store;

import com.mysql.cj.jdbc.JdbcConnection;
import io.rowmq.protocol.RecordHeader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * One group commit in one round trip to the database. When a producer-sequence checkpoint is due
 * ({@link ProducerSequences}), the rows of every coalesced send and the checkpoint go as a single
 * multi-statement
 * {@code START TRANSACTION; INSERT ...; SELECT LAST_INSERT_ID(); INSERT INTO producer ...; COMMIT}.
 * Any other commit is the multi-row {@code INSERT}
 * alone in autocommit: one statement is atomic by itself, and its first id comes back in the OK
 * packet, so neither the transaction brackets nor the {@code SELECT} are needed (about 60 us
 * less per commit, measured). The single writer of the queue makes the new ids consecutive, so
 * the first id gives them all.
 */
final class AppendTransaction {
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private AppendTransaction() {
    }

    /** Stores the rows and sequences atomically; returns the rows' offsets in order. */
    static long[] execute(Connection connection, QueueRef queue, List<QueueTable.Row> rows, Map<Long, Long> sequences,
                          int increment) throws SQLException {
        if (sequences.isEmpty() && !rows.isEmpty() && connection.getAutoCommit()) {
            return insertAlone(connection, queue, rows, increment);
        }
        String sql = sql(queue.tableName(), rows.size(), sequences.size());
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = bindRows(statement, rows);
            for (Map.Entry<Long, Long> sequence : sequences.entrySet()) {
                statement.setLong(index++, sequence.getKey());
                statement.setLong(index++, queue.queueId());
                statement.setLong(index++, sequence.getValue());
            }
            return offsets(queue, run(statement), rows.size(), increment);
        } catch (SQLException | RuntimeException e) {
            rollback(connection, e);
            throw e;
        }
    }

    /** The rows as one autocommitted multi-row INSERT; the first id is the statement's generated key. */
    private static long[] insertAlone(Connection connection, QueueRef queue, List<QueueTable.Row> rows,
                                      int increment) throws SQLException {
        try (PreparedStatement statement = prepareInsert(connection, queue.tableName(), rows.size())) {
            bindRows(statement, rows);
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                return offsets(queue, keys.next() ? keys.getLong(1) : 0, rows.size(), increment);
            }
        }
    }

    /**
     * A single row goes as a server-side prepared statement, cached per connection (its payload
     * travels as bytes). A multi-row INSERT is prepared on the client: its SQL differs with the
     * row count, is longer than the driver's statement cache takes, and a server-side PREPARE of
     * it costs a round trip that returns one column definition per parameter (1,000 for 100 rows)
     * at every commit. Measured: 4 producers x 100 records went from 82% to 87% of raw-b
     * (docs/performance.md, D8). The driver is always Connector/J ({@code BrokerConfig} accepts
     * only {@code jdbc:mysql:} URLs).
     */
    private static PreparedStatement prepareInsert(Connection connection, String table, int rows) throws SQLException {
        String sql = insertSql(table, rows);
        return rows > 1
                ? connection.unwrap(JdbcConnection.class).clientPrepareStatement(sql, Statement.RETURN_GENERATED_KEYS)
                : connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
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

    /** The step between consecutive auto-increment values of this session (1 unless replication sets it). */
    static int increment(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT @@auto_increment_increment")) {
            row.next();
            return row.getInt(1);
        }
    }

    private static String sql(String table, int rows, int sequences) {
        StringBuilder sql = new StringBuilder(128 + rows * (ROW.length() + 1) + sequences * 12);
        sql.append("START TRANSACTION;");
        if (rows > 0) {
            sql.append(insertSql(table, rows)).append(";SELECT LAST_INSERT_ID();");
        }
        if (sequences > 0) {
            sql.append("INSERT INTO producer (producer_id, queue_id, last_sequence) VALUES ");
            for (int i = 0; i < sequences; i++) {
                sql.append(i == 0 ? "" : ",").append("(?, ?, ?)");
            }
            sql.append(" ON DUPLICATE KEY UPDATE last_sequence = VALUES(last_sequence);");
        }
        return sql.append("COMMIT").toString();
    }

    private static String insertSql(String table, int rows) {
        StringBuilder sql = new StringBuilder(160 + rows * (ROW.length() + 1));
        sql.append("INSERT INTO ").append(table).append(" (message_id, correlation_id, message_type, producer_id,"
                + " producer_seq, sent_at, expires_at, deliver_at, priority, payload) VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ",").append(ROW);
        }
        return sql.toString();
    }

    private static int bindRows(PreparedStatement statement, List<QueueTable.Row> rows) throws SQLException {
        int index = 1;
        for (QueueTable.Row row : rows) {
            RecordHeader header = row.header();
            statement.setString(index++, QueueTable.truncate(header.messageId()));
            statement.setString(index++, QueueTable.truncate(header.correlationId()));
            statement.setString(index++, QueueTable.truncate(header.type()));
            statement.setLong(index++, row.producerId());
            statement.setLong(index++, row.sequence());
            statement.setLong(index++, header.timestamp());
            statement.setLong(index++, header.expiration());
            statement.setLong(index++, header.deliverAt());
            statement.setInt(index++, header.priority());
            statement.setBytes(index++, row.payload());
        }
        return index;
    }

    /** Runs the statements and returns LAST_INSERT_ID(), or 0 when there were no rows. */
    private static long run(PreparedStatement statement) throws SQLException {
        long first = 0;
        boolean isResult = statement.execute();
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
