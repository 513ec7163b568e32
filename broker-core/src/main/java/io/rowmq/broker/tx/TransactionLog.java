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

    /**
     * Records sends and acknowledgements atomically; returns the transaction's id. One round trip:
     * {@code START TRANSACTION; INSERT INTO tx ...; INSERT INTO tx_send ... (LAST_INSERT_ID(), ...);
     * INSERT INTO tx_ack ...; SELECT LAST_INSERT_ID(); COMMIT} as one multi-statement (as D8 does
     * for appends): neither child table has an auto-increment column, so LAST_INSERT_ID() stays the
     * transaction's id throughout.
     */
    long record(String brokerId, TransactionState state, TransactionXid xid, Map<QueueRef, List<byte[]>> sends,
                List<HeldAck> acks) throws SQLException {
        int sendRows = sends.values().stream().mapToInt(List::size).sum();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(recordSql(sendRows, acks.size()))) {
            try {
                int index = bindTransaction(statement, brokerId, state, xid);
                for (Map.Entry<QueueRef, List<byte[]>> send : sends.entrySet()) {
                    List<byte[]> records = send.getValue();
                    for (int seq = 0; seq < records.size(); seq++) {
                        statement.setLong(index++, send.getKey().queueId());
                        statement.setInt(index++, seq);
                        statement.setBytes(index++, records.get(seq));
                    }
                }
                for (HeldAck ack : acks) {
                    statement.setLong(index++, ack.groupId());
                    statement.setLong(index++, ack.queueId());
                    statement.setLong(index++, ack.offset());
                    statement.setInt(index++, ack.deliveryCount());
                }
                return run(statement);
            } catch (SQLIntegrityConstraintViolationException e) {
                rollback(connection, e);
                if (xid != null && e.getMessage() != null && e.getMessage().contains("uk_tx_xid")) {
                    throw new BrokerError(ErrorCode.INVALID_REQUEST, xid + " is already prepared; end it (commit or"
                            + " roll back) before preparing it again", e);
                }
                throw e;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        }
    }

    private static String recordSql(int sendRows, int ackRows) {
        StringBuilder sql = new StringBuilder(256 + sendRows * 32 + ackRows * 32);
        sql.append("START TRANSACTION;INSERT INTO tx (broker_id, state, format_id, gtrid, bqual) VALUES (?, ?, ?, ?, ?);");
        if (sendRows > 0) {
            sql.append("INSERT INTO tx_send (tx_id, queue_id, seq, payload) VALUES ");
            for (int i = 0; i < sendRows; i++) {
                sql.append(i == 0 ? "" : ",").append("(LAST_INSERT_ID(), ?, ?, ?)");
            }
            sql.append(';');
        }
        if (ackRows > 0) {
            sql.append("INSERT INTO tx_ack (tx_id, group_id, queue_id, msg_offset, delivery_count) VALUES ");
            for (int i = 0; i < ackRows; i++) {
                sql.append(i == 0 ? "" : ",").append("(LAST_INSERT_ID(), ?, ?, ?, ?)");
            }
            sql.append(';');
        }
        return sql.append("SELECT LAST_INSERT_ID();COMMIT").toString();
    }

    private static int bindTransaction(PreparedStatement statement, String brokerId, TransactionState state,
                                       TransactionXid xid) throws SQLException {
        statement.setString(1, brokerId);
        statement.setString(2, state.name());
        if (xid == null) {
            statement.setNull(3, Types.INTEGER);
            statement.setNull(4, Types.VARBINARY);
            statement.setNull(5, Types.VARBINARY);
        } else {
            statement.setInt(3, xid.formatId());
            statement.setBytes(4, xid.gtrid());
            statement.setBytes(5, xid.bqual());
        }
        return 6;
    }

    /** Runs the statements and returns the transaction id the SELECT gave. */
    private static long run(PreparedStatement statement) throws SQLException {
        long id = 0;
        boolean isResult = statement.execute();
        while (true) {
            if (isResult) {
                try (ResultSet result = statement.getResultSet()) {
                    if (result.next()) {
                        id = result.getLong(1);
                    }
                }
            } else if (statement.getUpdateCount() == -1) {
                break;
            }
            isResult = statement.getMoreResults();
        }
        if (id <= 0) {
            throw new SQLException("Recording a transaction returned no transaction id");
        }
        return id;
    }

    private static void rollback(Connection connection, Exception cause) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ROLLBACK");
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
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
