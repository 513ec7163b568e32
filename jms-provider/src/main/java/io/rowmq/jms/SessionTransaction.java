package io.rowmq.jms;

import io.rowmq.protocol.MessageRef;
import jakarta.jms.JMSException;
import jakarta.jms.TransactionRolledBackException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The sends of a transacted session, held on the client until commit. Commit stores them,
 * per destination, as batches of one producer stream, then settles the consumed messages.
 */
final class SessionTransaction {
    /** Records per PRODUCE request at commit: large transactions go in several frames. */
    private static final int MAX_BATCH_RECORDS = 500;
    private static final int MAX_BATCH_BYTES = 4 << 20;

    private record PendingSend(String topic, byte[] record) {
    }

    private final RowMQSession session;
    private final List<PendingSend> sends = new ArrayList<>();
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

    void commit(Map<Long, List<MessageRef>> consumed) throws JMSException {
        RowMQConnection connection = session.connection();
        if (interrupted) {
            discard();
            throw new TransactionRolledBackException("The connection to the broker was lost and re-established"
                    + " during this transaction, so it was rolled back: its sends were dropped and the messages it"
                    + " received will be delivered again", "CONNECTION_LOST");
        }
        List<PendingSend> work = take();
        try {
            Await.result("Committing " + work.size() + " sends", CompletableFuture.allOf(produce(work)));
        } catch (JMSException e) {
            SessionAcks.release(connection, consumed, "transaction rolled back", true);
            TransactionRolledBackException rolledBack = new TransactionRolledBackException("Commit failed and the"
                    + " transaction was rolled back: " + e.getMessage(), e.getErrorCode());
            rolledBack.setLinkedException(e);
            rolledBack.initCause(e);
            throw rolledBack;
        }
        SessionAcks.ack(connection, consumed, "Committing " + consumed.size() + " consumers' messages");
    }

    private CompletableFuture<?>[] produce(List<PendingSend> work) {
        Map<String, List<byte[]>> byTopic = new LinkedHashMap<>();
        for (PendingSend send : work) {
            byTopic.computeIfAbsent(send.topic(), topic -> new ArrayList<>()).add(send.record());
        }
        List<CompletableFuture<?>> futures = new ArrayList<>();
        byTopic.forEach((topic, records) -> {
            ProducerStreams.Stream stream = session.streams().forTopic(topic);
            int from = 0;
            while (from < records.size()) {
                int to = from;
                long bytes = 0;
                while (to < records.size() && to - from < MAX_BATCH_RECORDS
                        && (to == from || bytes + records.get(to).length <= MAX_BATCH_BYTES)) {
                    bytes += records.get(to).length;
                    to++;
                }
                List<byte[]> batch = records.subList(from, to);
                futures.add(session.connection().transport().produce(topic, -1, stream.producerId,
                        stream.reserve(batch.size()), List.copyOf(batch)));
                from = to;
            }
        });
        return futures.toArray(CompletableFuture[]::new);
    }
}
