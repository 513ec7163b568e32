package io.rowmq.broker.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Retention by segment: each queue table is range-partitioned by offset. A segment whose every
 * offset every consumer group of the topic has settled is dropped whole (never a row-by-row
 * DELETE that would lock writers out), and empty segments are kept ahead of the writer so the
 * catch-all partition {@code pmax} never fills.
 */
public final class SegmentRetirer {
    private static final Logger LOG = Logger.getLogger(SegmentRetirer.class.getName());
    private static final int SEGMENTS_AHEAD = 2;

    private final DataSource dataSource;
    private final QueueLocator tables;
    private final long segmentSize;

    /** @param dataSource the admin database, which holds the groups' offsets */
    public SegmentRetirer(DataSource dataSource, QueueLocator tables, long segmentSize) {
        this.dataSource = dataSource;
        this.tables = tables;
        this.segmentSize = segmentSize;
    }

    private record Segment(String name, long upperBound) {
    }

    /**
     * Drops the queue's fully settled segments and adds segments ahead of {@code high}.
     *
     * @return how many segments were dropped
     */
    public int maintain(QueueRef queue, long high) throws SQLException {
        long settled;
        try (Connection admin = dataSource.getConnection()) {
            settled = settledUpTo(admin, queue.queueId());
        }
        try (Connection connection = tables.of(queue).getConnection()) {
            if (addAhead(connection, queue.tableName(), segments(connection, queue.tableName()), high)) {
                LOG.fine(() -> queue + ": added segments ahead of offset " + high);
            }
            return dropSettled(connection, queue, segments(connection, queue.tableName()), settled);
        }
    }

    private int dropSettled(Connection connection, QueueRef queue, List<Segment> segments, long settled)
            throws SQLException {
        List<String> drop = new ArrayList<>();
        for (Segment segment : segments) {
            // The last bounded segment is kept even when settled, so the table always has one.
            if (segment.upperBound() - 1 <= settled && segment != lastBounded(segments)) {
                drop.add(segment.name());
            }
        }
        if (drop.isEmpty()) {
            return 0;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + queue.tableName() + " DROP PARTITION " + String.join(", ", drop));
        }
        LOG.info(() -> queue + ": dropped " + drop.size() + " consumed segments " + drop + " (every group has settled"
                + " up to offset " + settled + ")");
        return drop.size();
    }

    private boolean addAhead(Connection connection, String table, List<Segment> segments, long high)
            throws SQLException {
        Segment last = lastBounded(segments);
        long bound = last == null ? segmentSize : last.upperBound();
        int next = segments.stream().filter(s -> !s.name().equals("pmax"))
                .mapToInt(s -> Integer.parseInt(s.name().substring(1))).max().orElse(-1) + 1;
        StringBuilder added = new StringBuilder();
        while (bound <= high + SEGMENTS_AHEAD * segmentSize) {
            bound += segmentSize;
            added.append("PARTITION p").append(next++).append(" VALUES LESS THAN (").append(bound).append("), ");
        }
        if (added.isEmpty()) {
            return false;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + table + " REORGANIZE PARTITION pmax INTO (" + added
                    + "PARTITION pmax VALUES LESS THAN MAXVALUE)");
        }
        return true;
    }

    /**
     * The lowest committed offset of the queue's groups, below the lowest message a queue group's
     * selectors skipped and that still waits, or -1 when no group reads it (nothing may go).
     */
    private static long settledUpTo(Connection connection, long queueId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COUNT(*), MIN(committed_offset),"
                        + " (SELECT MIN(msg_offset) FROM skipped_message WHERE queue_id = ?)"
                        + " FROM consumer_offset WHERE queue_id = ?")) {
            select.setLong(1, queueId);
            select.setLong(2, queueId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                if (row.getLong(1) == 0) {
                    return -1;
                }
                long committed = row.getLong(2);
                long lowestSkipped = row.getLong(3);
                return row.wasNull() ? committed : Math.min(committed, lowestSkipped - 1);
            }
        }
    }

    private static List<Segment> segments(Connection connection, String table) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT PARTITION_NAME, PARTITION_DESCRIPTION"
                + " FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?"
                + " ORDER BY PARTITION_ORDINAL_POSITION")) {
            select.setString(1, table);
            List<Segment> segments = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String description = rows.getString(2);
                    long bound = "MAXVALUE".equalsIgnoreCase(description) ? Long.MAX_VALUE : Long.parseLong(description);
                    segments.add(new Segment(rows.getString(1), bound));
                }
            }
            return segments;
        }
    }

    private static Segment lastBounded(List<Segment> segments) {
        Segment last = null;
        for (Segment segment : segments) {
            if (segment.upperBound() != Long.MAX_VALUE) {
                last = segment;
            }
        }
        return last;
    }
}
