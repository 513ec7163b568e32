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

    /** A group row; {@code selector} is the subscription's (null for none, and always for a queue group). */
    record GroupRow(long id, String name, GroupKind kind, String selector) {
    }

    /** A group row with the name of its topic. */
    record NamedGroup(long id, String topicName, String name, GroupKind kind) {
    }

    /**
     * What a group had settled and claimed in one queue when it was last running; {@code skipped}
     * holds the messages below the committed offset that wait for a matching selector, with their
     * prior deliveries; {@code held} the messages recorded transactions acknowledge (D16).
     */
    record CursorRecord(long committed, List<long[]> claimedRanges, Map<Long, Integer> attempts,
                        Map<Long, Integer> skipped, Map<Long, Integer> held) {
        CursorRecord(long committed, List<long[]> claimedRanges, Map<Long, Integer> attempts) {
            this(committed, claimedRanges, attempts, Map.of(), Map.of());
        }

        CursorRecord(long committed, List<long[]> claimedRanges, Map<Long, Integer> attempts,
                     Map<Long, Integer> skipped) {
            this(committed, claimedRanges, attempts, skipped, Map.of());
        }
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
                GroupRow created = create(connection, topic, name, kind, selector, startOffset);
                connection.commit();
                return created;
            } catch (SQLIntegrityConstraintViolationException raced) {
                connection.rollback();
                return find(connection, topic.id(), name);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** The group of that name on the topic, or null. */
    GroupRow find(long topicId, String name) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, topicId, name);
        }
    }

    /** The groups of that name on any topic, in topic name order. */
    List<NamedGroup> findOnAnyTopic(String name) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT g.id, t.name, g.kind FROM consumer_group g"
                     + " JOIN topic t ON t.id = g.topic_id WHERE g.name = ? ORDER BY t.name")) {
            select.setString(1, name);
            List<NamedGroup> groups = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    groups.add(new NamedGroup(rows.getLong(1), rows.getString(2), name,
                            GroupKind.valueOf(rows.getString(3))));
                }
            }
            return groups;
        }
    }

    /**
     * Replaces a group by a new one of the same name, in one transaction: the old group's offsets,
     * claims and attempts go with it (JMS: a durable subscription whose selector changes is
     * deleted and created anew).
     */
    GroupRow recreate(Topic topic, GroupRow old, GroupKind kind, String selector,
                      ToLongFunction<QueueRef> startOffset) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM consumer_group WHERE id = ?")) {
                    delete.setLong(1, old.id());
                    delete.executeUpdate();
                }
                GroupRow created = create(connection, topic, old.name(), kind, selector, startOffset);
                connection.commit();
                return created;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private GroupRow create(Connection connection, Topic topic, String name, GroupKind kind, String selector,
                            ToLongFunction<QueueRef> startOffset) throws SQLException {
        long id = insertGroup(connection, topic.id(), name, kind, selector, kind.persistent() ? null : brokerId);
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
        return new GroupRow(id, name, kind, selector);
    }

    private static GroupRow find(Connection connection, long topicId, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, kind, selector FROM consumer_group WHERE topic_id = ? AND name = ?")) {
            select.setLong(1, topicId);
            select.setString(2, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new GroupRow(row.getLong(1), name, GroupKind.valueOf(row.getString(2)),
                        row.getString(3)) : null;
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
            Map<Long, Integer> skipped = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT msg_offset, prior_deliveries"
                    + " FROM skipped_message WHERE group_id = ? AND queue_id = ?")) {
                select.setLong(1, groupId);
                select.setLong(2, queueId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        skipped.put(rows.getLong(1), rows.getInt(2));
                    }
                }
            }
            return new CursorRecord(committed, claims, attempts, skipped, held(connection, groupId, queueId, committed));
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
                     "SELECT name, kind, selector FROM consumer_group WHERE id = ?")) {
            select.setLong(1, groupId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new GroupRow(groupId, row.getString(1), GroupKind.valueOf(row.getString(2)),
                        row.getString(3)) : null;
            }
        }
    }

    /**
     * Records that the ranges were handed to a consumer: one multi-row statement for the whole
     * fetch. Redeliveries among them ({@code redelivered}: offset and the delivery count just
     * given) also raise their delivery_attempt rows in the same transaction, so that after a crash
     * a message that was in flight again after a failure counts that delivery too.
     */
    void claim(long groupId, List<long[]> queueFirstLast, List<Attempt> redelivered, String consumer,
               long leaseUntil) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (redelivered.isEmpty()) {
                insertClaims(connection, groupId, queueFirstLast, consumer, leaseUntil);
                return;
            }
            connection.setAutoCommit(false);
            try {
                insertClaims(connection, groupId, queueFirstLast, consumer, leaseUntil);
                raiseAttempts(connection, groupId, redelivered);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static void insertClaims(Connection connection, long groupId, List<long[]> queueFirstLast, String consumer,
                                     long leaseUntil) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
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

    /** Raises delivery counts to the deliveries made so far; the reason of the last failure stays. */
    private static void raiseAttempts(Connection connection, long groupId, List<Attempt> deliveries)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO delivery_attempt (group_id, queue_id, msg_offset, delivery_count) VALUES (?, ?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE delivery_count = GREATEST(delivery_count, VALUES(delivery_count))")) {
            for (Attempt delivery : deliveries) {
                upsert.setLong(1, groupId);
                upsert.setLong(2, delivery.queueId());
                upsert.setLong(3, delivery.offset());
                upsert.setInt(4, delivery.deliveries());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /**
     * A queue's new committed offset, how many expired messages were skipped since the last
     * commit, the messages below it still waiting for a matching selector that have no row yet
     * (offset -> prior deliveries), and the offsets whose rows can go because they were settled.
     */
    record OffsetCommit(long committed, long expired, Map<Long, Integer> skippedToSave, List<Long> skippedSettled) {
        OffsetCommit(long committed, long expired) {
            this(committed, expired, Map.of(), List.of());
        }
    }

    /**
     * Moves committed offsets forward and forgets the claims and attempts they cover, and records
     * or forgets the skipped messages below them, in one transaction.
     */
    void commitOffsets(long groupId, Map<Long, OffsetCommit> committedByQueue) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement offset = connection.prepareStatement(
                    "UPDATE consumer_offset SET committed_offset = ?, expired_count = expired_count + ?"
                            + " WHERE group_id = ? AND queue_id = ?");
                 PreparedStatement claims = connection.prepareStatement(
                         "DELETE FROM claim WHERE group_id = ? AND queue_id = ? AND last_offset <= ?");
                 PreparedStatement attempts = connection.prepareStatement(
                         "DELETE FROM delivery_attempt WHERE group_id = ? AND queue_id = ? AND msg_offset <= ?");
                 PreparedStatement skip = connection.prepareStatement("INSERT INTO skipped_message (group_id,"
                         + " queue_id, msg_offset, prior_deliveries) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                         + " prior_deliveries = VALUES(prior_deliveries)");
                 PreparedStatement unskip = connection.prepareStatement(
                         "DELETE FROM skipped_message WHERE group_id = ? AND queue_id = ? AND msg_offset = ?")) {
                boolean skips = false;
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
                    for (Map.Entry<Long, Integer> skipped : entry.getValue().skippedToSave().entrySet()) {
                        skip.setLong(1, groupId);
                        skip.setLong(2, entry.getKey());
                        skip.setLong(3, skipped.getKey());
                        skip.setInt(4, skipped.getValue());
                        skip.addBatch();
                        skips = true;
                    }
                    for (Long settled : entry.getValue().skippedSettled()) {
                        unskip.setLong(1, groupId);
                        unskip.setLong(2, entry.getKey());
                        unskip.setLong(3, settled);
                        unskip.addBatch();
                        skips = true;
                    }
                }
                offset.executeBatch();
                claims.executeBatch();
                attempts.executeBatch();
                if (skips) {
                    skip.executeBatch();
                    unskip.executeBatch();
                }
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
