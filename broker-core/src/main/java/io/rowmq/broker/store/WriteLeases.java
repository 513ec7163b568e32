package io.rowmq.broker.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * The write lease of each queue, kept in {@code topic_queue}: at most one broker inserts into a
 * queue table at a time, so offsets commit in order. Lease times are the database's clock, so
 * brokers' clocks need not agree.
 */
public final class WriteLeases {
    private final DataSource dataSource;
    private final String brokerId;
    private final long leaseMs;

    public WriteLeases(DataSource dataSource, String brokerId, long leaseMs) {
        this.dataSource = dataSource;
        this.brokerId = brokerId;
        this.leaseMs = leaseMs;
    }

    /** Takes the queue's lease if it is free, expired or already ours; false when another broker holds it. */
    public boolean acquire(long queueId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE topic_queue SET writer_id = ?, writer_lease_until = DATE_ADD(NOW(3), INTERVAL ? MICROSECOND)"
                             + " WHERE id = ? AND (writer_id IS NULL OR writer_id = ? OR writer_lease_until < NOW(3))")) {
            update.setString(1, brokerId);
            update.setLong(2, leaseMs * 1000);
            update.setLong(3, queueId);
            update.setString(4, brokerId);
            return update.executeUpdate() == 1;
        }
    }

    /** Extends every lease this broker still holds; returns the ids of those queues. */
    public Set<Long> renewAll() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE topic_queue SET writer_lease_until = DATE_ADD(NOW(3), INTERVAL ? MICROSECOND)"
                             + " WHERE writer_id = ?");
             PreparedStatement select = connection.prepareStatement("SELECT id FROM topic_queue WHERE writer_id = ?")) {
            update.setLong(1, leaseMs * 1000);
            update.setString(2, brokerId);
            update.executeUpdate();
            select.setString(1, brokerId);
            Set<Long> held = new HashSet<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    held.add(rows.getLong(1));
                }
            }
            return held;
        }
    }

    /** Extends one queue's lease if this broker still holds it. */
    public boolean renew(long queueId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE topic_queue SET writer_lease_until = DATE_ADD(NOW(3), INTERVAL ? MICROSECOND)"
                             + " WHERE id = ? AND writer_id = ?")) {
            update.setLong(1, leaseMs * 1000);
            update.setLong(2, queueId);
            update.setString(3, brokerId);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * When a lease taken or renewed now, at {@code startNanos} (read before the statement was
     * sent), can be trusted until: nine tenths of its length, a margin for clock drift.
     */
    public long validUntil(long startNanos) {
        return startNanos + leaseMs * 900_000;
    }

    /** Gives up every lease this broker holds, so another broker can take over at once. */
    public int releaseAll() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE topic_queue SET writer_id = NULL, writer_lease_until = NULL WHERE writer_id = ?")) {
            update.setString(1, brokerId);
            return update.executeUpdate();
        }
    }
}
