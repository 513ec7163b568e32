package io.rowmq.broker.tx;

import io.rowmq.broker.dispatch.HeldAck;
import io.rowmq.broker.store.QueueLocator;
import io.rowmq.broker.store.QueueRef;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.TransactionXid;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recorded transactions in the admin database: tables {@code tx}, {@code tx_send} and
 * {@code tx_ack} (migration V7). A transaction is written whole in one database transaction;
 * deleting its {@code tx} row removes the rest (foreign keys cascade).
 */
final class TransactionLog {
    private final DataSource dataSource;
    private final QueueLocator tables;

    TransactionLog(DataSource dataSource, QueueLocator tables) {
        this.dataSource = dataSource;
        this.tables = tables;
    }

    /** Records sends and acknowledgements atomically; returns the transaction's id. */
    long record(String brokerId, TransactionState state, TransactionXid xid, Map<QueueRef, List<byte[]>> sends,
                List<HeldAck> acks) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long id = insertTransaction(connection, brokerId, state, xid);
                insertSends(connection, id, sends);
                insertAcks(connection, id, acks);
                connection.commit();
                return id;
            } catch (SQLIntegrityConstraintViolationException e) {
                connection.rollback();
                if (xid != null && e.getMessage() != null && e.getMessage().contains("uk_tx_xid")) {
                    throw new BrokerError(ErrorCode.INVALID_REQUEST, xid + " is already prepared; end it (commit or"
                            + " roll back) before preparing it again", e);
                }
                throw e;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static long insertTransaction(Connection connection, String brokerId, TransactionState state,
                                          TransactionXid xid) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tx (broker_id, state, format_id,"
                + " gtrid, bqual) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, brokerId);
            insert.setString(2, state.name());
            if (xid == null) {
                insert.setNull(3, Types.INTEGER);
                insert.setNull(4, Types.VARBINARY);
                insert.setNull(5, Types.VARBINARY);
            } else {
                insert.setInt(3, xid.formatId());
                insert.setBytes(4, xid.gtrid());
                insert.setBytes(5, xid.bqual());
            }
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void insertSends(Connection connection, long id, Map<QueueRef, List<byte[]>> sends)
            throws SQLException {
        if (sends.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO tx_send (tx_id, queue_id, seq, payload) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<QueueRef, List<byte[]>> send : sends.entrySet()) {
                List<byte[]> records = send.getValue();
                for (int seq = 0; seq < records.size(); seq++) {
                    insert.setLong(1, id);
                    insert.setLong(2, send.getKey().queueId());
                    insert.setInt(3, seq);
                    insert.setBytes(4, records.get(seq));
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private static void insertAcks(Connection connection, long id, List<HeldAck> acks) throws SQLException {
        if (acks.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tx_ack (tx_id, group_id, queue_id,"
                + " msg_offset, delivery_count) VALUES (?, ?, ?, ?, ?)")) {
            for (HeldAck ack : acks) {
                insert.setLong(1, id);
                insert.setLong(2, ack.groupId());
                insert.setLong(3, ack.queueId());
                insert.setLong(4, ack.offset());
                insert.setInt(5, ack.deliveryCount());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The prepared or committed branch with this xid. */
    Optional<StoredTransaction> find(TransactionXid xid) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT id, broker_id, state FROM tx WHERE format_id = ? AND gtrid = ? AND bqual = ?")) {
            select.setInt(1, xid.formatId());
            select.setBytes(2, xid.gtrid());
            select.setBytes(3, xid.bqual());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new StoredTransaction(row.getLong(1), row.getString(2),
                        TransactionState.valueOf(row.getString(3)))) : Optional.empty();
            }
        }
    }

    /** Moves a prepared transaction to COMMITTED; false when it was not PREPARED any more. */
    boolean markCommitted(long id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE tx SET state = 'COMMITTED' WHERE id = ? AND state = 'PREPARED'")) {
            update.setLong(1, id);
            return update.executeUpdate() == 1;
        }
    }

    /** The xids of every prepared branch in this database. */
    List<TransactionXid> prepared() throws SQLException {
        List<TransactionXid> xids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT format_id, gtrid, bqual FROM tx"
                     + " WHERE state = 'PREPARED' AND format_id IS NOT NULL ORDER BY id")) {
            while (rows.next()) {
                xids.add(new TransactionXid(rows.getInt(1), rows.getBytes(2), rows.getBytes(3)));
            }
        }
        return xids;
    }

    /** The committed transactions the broker still has to apply, oldest first. */
    List<Long> committed(String brokerId) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT id FROM tx WHERE broker_id = ? AND state = 'COMMITTED' ORDER BY id")) {
            select.setString(1, brokerId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
    }

    /** Reads a transaction's sends (grouped by queue, in order) and acknowledgements. */
    StoredWork load(long id) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Map<Long, StoredWork.QueueSends> byQueue = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT s.queue_id, t.name, q.queue_index,"
                    + " s.payload FROM tx_send s JOIN topic_queue q ON q.id = s.queue_id JOIN topic t ON t.id ="
                    + " q.topic_id WHERE s.tx_id = ? ORDER BY s.queue_id, s.seq")) {
                select.setLong(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String topic = rows.getString(2);
                        int index = rows.getInt(3);
                        byQueue.computeIfAbsent(rows.getLong(1), queue -> new StoredWork.QueueSends(topic, index,
                                new ArrayList<>())).records().add(rows.getBytes(4));
                    }
                }
            }
            List<StoredWork.StoredAck> acks = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT a.group_id, t.name, q.queue_index,"
                    + " a.msg_offset FROM tx_ack a JOIN topic_queue q ON q.id = a.queue_id JOIN topic t ON t.id ="
                    + " q.topic_id WHERE a.tx_id = ?")) {
                select.setLong(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        acks.add(new StoredWork.StoredAck(rows.getLong(1), rows.getString(2), rows.getInt(3),
                                rows.getLong(4)));
                    }
                }
            }
            return new StoredWork(List.copyOf(byQueue.values()), acks);
        }
    }

    /** Forgets a transaction that was applied or rolled back. */
    void delete(long id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM tx WHERE id = ?")) {
            delete.setLong(1, id);
            delete.executeUpdate();
        }
    }

    /**
     * Deletes applied-marks in the admin database whose transaction is gone (a crash between
     * forgetting the transaction and deleting its marks); returns how many.
     */
    int deleteOrphanedMarks() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            return statement.executeUpdate("DELETE FROM producer WHERE producer_id < 0"
                    + " AND NOT EXISTS (SELECT 1 FROM tx WHERE tx.id = -producer.producer_id)");
        }
    }

    /**
     * Deletes the applied-marks (producer rows with the transaction's negative producer id) once
     * the transaction is forgotten: nothing can apply it again.
     */
    void deleteAppliedMarks(long producerId, Collection<QueueRef> queues) throws SQLException {
        for (QueueRef queue : queues) {
            try (Connection connection = tables.of(queue).getConnection();
                 PreparedStatement delete = connection.prepareStatement(
                         "DELETE FROM producer WHERE producer_id = ? AND queue_id = ?")) {
                delete.setLong(1, producerId);
                delete.setLong(2, queue.queueId());
                delete.executeUpdate();
            }
        }
    }
}
