package io.rowmq.broker.dispatch;

import io.rowmq.broker.admin.Topic;
import io.rowmq.broker.store.QueueLocator;
import io.rowmq.broker.store.QueueRef;
import io.rowmq.protocol.GroupKind;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The persisted state of consumer groups: the group rows, committed offsets, claims, delivery
 * attempts of failed messages and dead letters. Every method is one short transaction.
 */
final class GroupLedger {
    private final DataSource dataSource;

    private final String brokerId;
    private final QueueLocator tables;

    GroupLedger(DataSource dataSource, String brokerId, QueueLocator tables) {
        this.dataSource = dataSource;
        this.brokerId = brokerId;
        this.tables = tables;
    }

    /** Deletes the non-durable groups this broker left behind when it stopped without closing them. */
    int deleteOrphans() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM consumer_group WHERE kind IN ('SHARED', 'EPHEMERAL') AND owner_broker = ?")) {
            delete.setString(1, brokerId);
            return delete.executeUpdate();
        }
    }

    /** A group row. */
    record GroupRow(long id, String name, GroupKind kind) {
    }

    /** What a group had settled and claimed in one queue when it was last running. */
    record CursorRecord(long committed, List<long[]> claimedRanges, Map<Long, Integer> attempts,
                        Map<Long, Integer> held) {
    }

    /** A failed delivery to remember: the deliveries made so far and why the last one failed. */
    record Attempt(long queueId, long offset, int deliveries, String reason) {
    }

    /** A message to park after its last failed attempt. */
    record Parked(QueueRef queue, long offset, int attempts, String reason) {
    }

    /** Finds the group or creates it with its committed offsets at {@code startOffset} of each queue. */
    GroupRow findOrCreate(Topic topic, String name, GroupKind kind, String selector,
                          ToLongFunction<QueueRef> startOffset) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            GroupRow found = find(connection, topic.id(), name);
            if (found != null) {
                return found;
            }
            connection.setAutoCommit(false);
            try {
                long id = insertGroup(connection, topic.id(), name, kind, selector,
                        kind.persistent() ? null : brokerId);
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO consumer_offset (group_id, queue_id, committed_offset) VALUES (?, ?, ?)")) {
                    for (QueueRef queue : topic.queues()) {
                        insert.setLong(1, id);
                        insert.setLong(2, queue.queueId());
                        insert.setLong(3, startOffset.applyAsLong(queue));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                connection.commit();
                return new GroupRow(id, name, kind);
            } catch (SQLIntegrityConstraintViolationException raced) {
                connection.rollback();
                return find(connection, topic.id(), name);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static GroupRow find(Connection connection, long topicId, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, kind FROM consumer_group WHERE topic_id = ? AND name = ?")) {
            select.setLong(1, topicId);
            select.setString(2, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new GroupRow(row.getLong(1), name, GroupKind.valueOf(row.getString(2))) : null;
            }
        }
    }

    private static long insertGroup(Connection connection, long topicId, String name, GroupKind kind, String selector,
                                    String owner) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO consumer_group (topic_id, name, kind, selector, owner_broker) VALUES (?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, topicId);
            insert.setString(2, name);
            insert.setString(3, kind.name());
            insert.setString(4, selector);
            insert.setString(5, owner);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    CursorRecord load(long groupId, long queueId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            long committed = 0;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT committed_offset FROM consumer_offset WHERE group_id = ? AND queue_id = ?")) {
                select.setLong(1, groupId);
                select.setLong(2, queueId);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        committed = row.getLong(1);
                    }
                }
            }
            List<long[]> claims = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT first_offset, last_offset FROM claim WHERE group_id = ? AND queue_id = ? AND last_offset > ?")) {
                select.setLong(1, groupId);
                select.setLong(2, queueId);
                select.setLong(3, committed);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        claims.add(new long[] {rows.getLong(1), rows.getLong(2)});
                    }
                }
            }
            Map<Long, Integer> attempts = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT msg_offset, delivery_count"
                    + " FROM delivery_attempt WHERE group_id = ? AND queue_id = ? AND msg_offset > ?")) {
                select.setLong(1, groupId);
                select.setLong(2, queueId);
                select.setLong(3, committed);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        attempts.put(rows.getLong(1), rows.getInt(2));
                    }
                }
            }
            return new CursorRecord(committed, claims, attempts, held(connection, groupId, queueId, committed));
        }
    }

    /** Offset -> deliveries so far of the messages that recorded transactions acknowledge (D16). */
    private static Map<Long, Integer> held(Connection connection, long groupId, long queueId, long committed)
            throws SQLException {
        Map<Long, Integer> held = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT msg_offset, delivery_count FROM tx_ack"
                + " WHERE group_id = ? AND queue_id = ? AND msg_offset > ?")) {
            select.setLong(1, groupId);
            select.setLong(2, queueId);
            select.setLong(3, committed);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    held.merge(rows.getLong(1), rows.getInt(2), Math::max);
                }
            }
        }
        return held;
    }

    /** The group with this id, or null when it no longer exists. */
    GroupRow findById(long groupId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT name, kind FROM consumer_group WHERE id = ?")) {
            select.setLong(1, groupId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new GroupRow(groupId, row.getString(1), GroupKind.valueOf(row.getString(2))) : null;
            }
        }
    }

    /** Records that the ranges were handed to a consumer; one multi-row statement for the whole fetch. */
    void claim(long groupId, List<long[]> queueFirstLast, String consumer, long leaseUntil) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO claim (group_id, queue_id, first_offset, last_offset, consumer, lease_until)"
                             + " VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                             + " last_offset = GREATEST(last_offset, VALUES(last_offset)), consumer = VALUES(consumer),"
                             + " lease_until = VALUES(lease_until)")) {
            Timestamp lease = new Timestamp(leaseUntil);
            for (long[] range : queueFirstLast) {
                insert.setLong(1, groupId);
                insert.setLong(2, range[0]);
                insert.setLong(3, range[1]);
                insert.setLong(4, range[2]);
                insert.setString(5, consumer);
                insert.setTimestamp(6, lease);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Moves committed offsets forward and forgets the claims and attempts they cover, in one transaction. */
    /** A queue's new committed offset and how many expired messages were skipped since the last commit. */
    record OffsetCommit(long committed, long expired) {
    }

    void commitOffsets(long groupId, Map<Long, OffsetCommit> committedByQueue) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement offset = connection.prepareStatement(
                    "UPDATE consumer_offset SET committed_offset = ?, expired_count = expired_count + ?"
                            + " WHERE group_id = ? AND queue_id = ?");
                 PreparedStatement claims = connection.prepareStatement(
                         "DELETE FROM claim WHERE group_id = ? AND queue_id = ? AND last_offset <= ?");
                 PreparedStatement attempts = connection.prepareStatement(
                         "DELETE FROM delivery_attempt WHERE group_id = ? AND queue_id = ? AND msg_offset <= ?")) {
                for (Map.Entry<Long, OffsetCommit> entry : committedByQueue.entrySet()) {
                    offset.setLong(1, entry.getValue().committed());
                    offset.setLong(2, entry.getValue().expired());
                    offset.setLong(3, groupId);
                    offset.setLong(4, entry.getKey());
                    offset.addBatch();
                    for (PreparedStatement delete : List.of(claims, attempts)) {
                        delete.setLong(1, groupId);
                        delete.setLong(2, entry.getKey());
                        delete.setLong(3, entry.getValue().committed());
                        delete.addBatch();
                    }
                }
                offset.executeBatch();
                claims.executeBatch();
                attempts.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Remembers failed deliveries and parks the messages that used their last attempt, in one transaction. */
    void recordFailures(long groupId, String topicName, String groupName, List<Attempt> attempts, List<Parked> parked)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                saveAttempts(connection, groupId, attempts);
                for (Parked message : parked) {
                    park(connection, groupId, topicName, groupName, message);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static void saveAttempts(Connection connection, long groupId, List<Attempt> attempts) throws SQLException {
        if (attempts.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO delivery_attempt (group_id, queue_id, msg_offset, delivery_count, last_reason)"
                        + " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE delivery_count = VALUES(delivery_count),"
                        + " last_reason = VALUES(last_reason)")) {
            for (Attempt attempt : attempts) {
                upsert.setLong(1, groupId);
                upsert.setLong(2, attempt.queueId());
                upsert.setLong(3, attempt.offset());
                upsert.setInt(4, attempt.deliveries());
                upsert.setString(5, clip(attempt.reason(), 1000));
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private void park(Connection connection, long groupId, String topicName, String groupName, Parked message)
            throws SQLException {
        if (!tables.inAdminDatabase(message.queue())) {
            parkFromNode(connection, groupId, topicName, groupName, message);
            return;
        }
        String table = message.queue().tableName();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT IGNORE INTO dead_letter (topic_name, group_name, group_id, queue_id, msg_offset, message_id,"
                        + " attempts, reason, payload) SELECT ?, ?, ?, ?, id, message_id, ?, ?, payload FROM " + table
                        + " WHERE id = ?")) {
            insert.setString(1, topicName);
            insert.setString(2, groupName);
            insert.setLong(3, groupId);
            insert.setLong(4, message.queue().queueId());
            insert.setInt(5, message.attempts());
            insert.setString(6, clip(message.reason(), 2000));
            insert.setLong(7, message.offset());
            insert.executeUpdate();
        }
    }

    /** The queue table is on another data node: its row is read there and copied into the admin database. */
    private void parkFromNode(Connection admin, long groupId, String topicName, String groupName, Parked message)
            throws SQLException {
        String messageId;
        byte[] payload;
        try (Connection node = tables.of(message.queue()).getConnection();
             PreparedStatement select = node.prepareStatement("SELECT message_id, payload FROM "
                     + message.queue().tableName() + " WHERE id = ?")) {
            select.setLong(1, message.offset());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return; // retired with its segment: nothing left to park
                }
                messageId = row.getString(1);
                payload = row.getBytes(2);
            }
        }
        try (PreparedStatement insert = admin.prepareStatement(
                "INSERT IGNORE INTO dead_letter (topic_name, group_name, group_id, queue_id, msg_offset, message_id,"
                        + " attempts, reason, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, topicName);
            insert.setString(2, groupName);
            insert.setLong(3, groupId);
            insert.setLong(4, message.queue().queueId());
            insert.setLong(5, message.offset());
            insert.setString(6, messageId);
            insert.setInt(7, message.attempts());
            insert.setString(8, clip(message.reason(), 2000));
            insert.setBytes(9, payload);
            insert.executeUpdate();
        }
    }

    void deleteGroup(long groupId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM consumer_group WHERE id = ?")) {
            delete.setLong(1, groupId);
            delete.executeUpdate();
        }
    }

    private static String clip(String text, int max) {
        String value = text == null ? "no reason given" : text;
        return value.length() <= max ? value : value.substring(0, max);
    }
}
