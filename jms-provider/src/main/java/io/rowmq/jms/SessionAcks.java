package io.rowmq.jms;

import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.MessageRef;
import jakarta.jms.JMSException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The messages a CLIENT_ACKNOWLEDGE or transacted session has delivered and not yet settled,
 * per broker consumer, in delivery order. {@code acknowledge()}/{@code commit()} ack them all;
 * {@code recover()}/{@code rollback()} release them all for redelivery.
 */
final class SessionAcks {
    private final Map<Long, List<MessageRef>> unsettled = new LinkedHashMap<>();

    synchronized void track(long consumerId, Delivery delivery) {
        unsettled.computeIfAbsent(consumerId, id -> new ArrayList<>()).add(delivery.ref());
    }

    synchronized boolean isEmpty() {
        return unsettled.isEmpty();
    }

    synchronized boolean hasUnsettled(long consumerId) {
        return unsettled.containsKey(consumerId);
    }

    /** Takes everything tracked, leaving nothing. */
    synchronized Map<Long, List<MessageRef>> takeAll() {
        Map<Long, List<MessageRef>> all = new LinkedHashMap<>(unsettled);
        unsettled.clear();
        return all;
    }

    /** Acks everything tracked, one ACK per consumer, and waits for the broker. */
    static void ack(RowMQConnection connection, Map<Long, List<MessageRef>> refs, String what) throws JMSException {
        List<CompletableFuture<Void>> acks = new ArrayList<>(refs.size());
        refs.forEach((consumerId, list) -> acks.add(connection.transport().ack(consumerId, list)));
        Await.result(what, CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)));
    }

    /** Releases everything given, counting a failed attempt when {@code countAttempt}, and waits for the broker. */
    static void release(RowMQConnection connection, Map<Long, List<MessageRef>> refs, String reason,
                        boolean countAttempt) throws JMSException {
        List<CompletableFuture<Void>> releases = new ArrayList<>(refs.size());
        refs.forEach((consumerId, list) -> releases.add(connection.transport().release(consumerId, list, reason,
                countAttempt)));
        Await.result("Releasing messages (" + reason + ")",
                CompletableFuture.allOf(releases.toArray(CompletableFuture[]::new)));
    }

    static Map<Long, List<MessageRef>> refsOf(long consumerId, List<Delivery> deliveries) {
        Map<Long, List<MessageRef>> refs = new LinkedHashMap<>();
        if (!deliveries.isEmpty()) {
            List<MessageRef> list = new ArrayList<>(deliveries.size());
            for (Delivery delivery : deliveries) {
                list.add(delivery.ref());
            }
            refs.put(consumerId, list);
        }
        return refs;
    }
}
