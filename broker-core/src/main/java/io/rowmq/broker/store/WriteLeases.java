package io.rowmq.broker.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

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

    /** Extends every lease this broker holds; returns how many. */
    public int renewAll() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE topic_queue SET writer_lease_until = DATE_ADD(NOW(3), INTERVAL ? MICROSECOND)"
                             + " WHERE writer_id = ?")) {
            update.setLong(1, leaseMs * 1000);
            update.setString(2, brokerId);
            return update.executeUpdate();
        }
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
