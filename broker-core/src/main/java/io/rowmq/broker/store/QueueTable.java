package io.rowmq.broker.store;

import io.rowmq.protocol.RecordHeader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;

/** The SQL of one queue table: insert-only, the auto-increment id is the offset, reads by id range. */
public final class QueueTable {
    private static final String TEMPLATE = SqlResource.load("rowmq/queue-table.sql");

    private QueueTable() {
    }

    /** A row to insert: the record and the trace columns read from its header. */
    public record Row(RecordHeader header, long producerId, long sequence, byte[] payload) {
    }

    public static String tableName(long topicId, int index) {
        return "q_" + topicId + "_" + index;
    }

    /** Creates the table with its first segment holding offsets below {@code segmentSize}. */
    public static void create(Connection connection, String table, long segmentSize) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(TEMPLATE.replace("{table}", table).replace("{segment}", Long.toString(segmentSize)));
        }
    }

    public static void drop(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
        }
    }

    /** The highest committed offset, 0 for an empty table. */
    public static long maxOffset(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COALESCE(MAX(id), 0) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Up to {@code limit} messages with {@code after < offset <= upTo}, in offset order. */
    public static List<StoredMessage> readRange(Connection connection, String table, long after, long upTo, int limit)
            throws SQLException {
        return readRange(connection, table, after, upTo, limit, Long.MAX_VALUE);
    }

    /**
     * As {@link #readRange(Connection, String, long, long, int)}, stopping after the row whose
     * payload brings the total to {@code maxBytes}. The rows are streamed from the server, so
     * the ones past that point are never held in the heap (closing drains them off the wire).
     */
    public static List<StoredMessage> readRange(Connection connection, String table, long after, long upTo, int limit,
                                                long maxBytes) throws SQLException {
        String sql = "SELECT id, expires_at, deliver_at, payload FROM " + table
                + " WHERE id > ? AND id <= ? ORDER BY id LIMIT ?";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, after);
            select.setLong(2, upTo);
            select.setInt(3, limit);
            if (maxBytes != Long.MAX_VALUE) {
                select.setFetchSize(Integer.MIN_VALUE); // Connector/J: stream the rows one at a time
            }
            List<StoredMessage> messages = new ArrayList<>(Math.min(limit, 1024));
            long previous = after;
            long bytes = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (bytes < maxBytes && rows.next()) {
                    long offset = rows.getLong(1);
                    byte[] payload = rows.getBytes(4);
                    messages.add(new StoredMessage(offset, previous, rows.getLong(2), rows.getLong(3), payload));
                    previous = offset;
                    bytes += payload.length;
                }
            }
            return messages;
        }
    }

    /** The messages at the given offsets that exist, in offset order; previousOffset is not meaningful here. */
    public static List<StoredMessage> readOffsets(Connection connection, String table, Collection<Long> offsets)
            throws SQLException {
        if (offsets.isEmpty()) {
            return List.of();
        }
        StringJoiner in = new StringJoiner(",", "(", ")");
        offsets.forEach(offset -> in.add(Long.toString(offset)));
        String sql = "SELECT id, expires_at, deliver_at, payload FROM " + table + " WHERE id IN " + in + " ORDER BY id";
        List<StoredMessage> messages = new ArrayList<>(offsets.size());
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                messages.add(new StoredMessage(rows.getLong(1), -1, rows.getLong(2), rows.getLong(3), rows.getBytes(4)));
            }
        }
        return messages;
    }

    static String truncate(String value) {
        return value == null || value.length() <= 255 ? value : value.substring(0, 255);
    }
}
