package io.rowmq.jms;

import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.MessageRef;
import io.rowmq.protocol.TopicInfo;
import io.rowmq.protocol.TransactionAck;
import io.rowmq.protocol.TransactionSend;
import io.rowmq.protocol.TransactionWork;
import jakarta.jms.JMSException;
import jakarta.jms.TransactionRolledBackException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The sends of a transacted session, held on the client until the end of the transaction. At
 * commit they go to the broker together with the acknowledgements of the messages the session
 * consumed, in one TX_COMMIT the broker records atomically (D16): all of it happens, or none.
 * Each destination's sends go to one queue, chosen per session, so a session's messages to a
 * destination keep their order across transactions.
 */
final class SessionTransaction {

    private record PendingSend(String topic, byte[] record) {
    }

    private final RowMQSession session;
    private final List<PendingSend> sends = new ArrayList<>();
    private final Map<String, Integer> queueByTopic = new ConcurrentHashMap<>();
    private volatile boolean interrupted;

    SessionTransaction(RowMQSession session) {
        this.session = session;
    }

    synchronized void add(String brokerTopic, byte[] record) {
        sends.add(new PendingSend(brokerTopic, record));
    }

    synchronized void discard() {
        sends.clear();
        interrupted = false;
    }

    /** The broker connection was lost mid-transaction: the next commit rolls back instead. */
    void interruptedByReconnect() {
        interrupted = true;
    }

    private synchronized List<PendingSend> take() {
        List<PendingSend> taken = new ArrayList<>(sends);
        sends.clear();
        return taken;
    }

    /** The work of the transaction so far (its sends and the given acknowledgements), leaving nothing behind. */
    TransactionWork takeWork(Map<Long, List<MessageRef>> consumed) throws JMSException {
        Map<String, List<byte[]>> byTopic = new LinkedHashMap<>();
        for (PendingSend send : take()) {
            byTopic.computeIfAbsent(send.topic(), topic -> new ArrayList<>()).add(send.record());
        }
        List<TransactionSend> transactionSends = new ArrayList<>(byTopic.size());
        for (Map.Entry<String, List<byte[]>> entry : byTopic.entrySet()) {
            transactionSends.add(new TransactionSend(entry.getKey(), queueFor(entry.getKey()), entry.getValue()));
        }
        List<TransactionAck> acks = new ArrayList<>(consumed.size());
        consumed.forEach((consumerId, refs) -> acks.add(new TransactionAck(consumerId, refs)));
        return new TransactionWork(transactionSends, acks);
    }

    /** This session's queue of the topic; -1 (the broker picks) for a topic that does not exist yet. */
    private int queueFor(String topic) throws JMSException {
        Integer known = queueByTopic.get(topic);
        if (known != null) {
            return known;
        }
        List<TopicInfo> infos;
        try {
            infos = session.connection().transport().metadata(topic).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BrokerError broker && broker.code() == ErrorCode.UNKNOWN_TOPIC) {
                return -1;
            }
            throw JmsErrors.toJms("Looking up topic '" + topic + "'", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw JmsErrors.toJms("Looking up topic '" + topic + "'", e);
        }
        int count = infos.isEmpty() ? 0 : infos.get(0).queueCount();
        if (count == 0) {
            return -1;
        }
        int queue = Math.floorMod(Long.hashCode(session.streams().forTopic(topic).producerId), count);
        queueByTopic.put(topic, queue);
        return queue;
    }

    void commit(Map<Long, List<MessageRef>> consumed) throws JMSException {
        RowMQConnection connection = session.connection();
        if (interrupted) {
            discard();
            throw new TransactionRolledBackException("The connection to the broker was lost and re-established"
                    + " during this transaction, so it was rolled back: its sends were dropped and the messages it"
                    + " received will be delivered again", "CONNECTION_LOST");
        }
        TransactionWork work = takeWork(consumed);
        if (work.isEmpty()) {
            return;
        }
        try {
            Await.result("Committing a transaction of " + work.recordCount() + " sends and "
                    + consumed.values().stream().mapToInt(List::size).sum() + " received messages",
                    connection.transport().commitTransaction(work));
        } catch (JMSException e) {
            SessionAcks.release(connection, consumed, "transaction rolled back", true);
            TransactionRolledBackException rolledBack = new TransactionRolledBackException("Commit failed and the"
                    + " transaction was rolled back: " + e.getMessage(), e.getErrorCode());
            rolledBack.setLinkedException(e);
            rolledBack.initCause(e);
            throw rolledBack;
        }
    }
}
