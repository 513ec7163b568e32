package io.rowmq.broker.dispatch;

import io.rowmq.broker.store.QueueLocator;
import io.rowmq.broker.store.QueueTable;
import io.rowmq.broker.store.StoredMessage;
import io.rowmq.protocol.Delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gathers one fetch for a group: delayed messages that fell due, redeliveries, then new
 * messages from each queue's tail or table, skipping expired ones, within a byte budget; then
 * records the claims. Runs on its group's serial executor, like the cursors it moves.
 */
final class FetchCollector {
    /** Keeps a fetch reply well below the default 16 MiB frame limit. */
    static final long MAX_FETCH_BYTES = 4L << 20;

    private final long groupId;
    private final QueueCursor[] cursors;
    private final QueueLocator tables;
    private final GroupLedger ledger;
    private final Clock clock;
    private final long leaseMs;
    private final String brokerId;
    private final AtomicLong expired = new AtomicLong();
    /** Payload bytes the fetch being collected may still carry; at least one message always goes. */
    private long bytesLeft;

    FetchCollector(long groupId, QueueCursor[] cursors, QueueLocator tables, GroupLedger ledger,
                   DispatchSettings settings) {
        this.groupId = groupId;
        this.cursors = cursors;
        this.tables = tables;
        this.ledger = ledger;
        this.clock = settings.clock();
        this.leaseMs = settings.leaseMs();
        this.brokerId = settings.brokerId();
    }

    long expiredCount() {
        return expired.get();
    }

    /**
     * Hands up to {@code max} messages to the consumer, starting with the queue at
     * {@code firstQueue}, and records the claims; on any failure nothing stays handed out.
     */
    List<Delivery> collect(long consumerId, int firstQueue, int max) throws SQLException {
        long now = clock.millis();
        List<Delivery> out = new ArrayList<>(Math.min(max, 1024));
        List<long[]> claims = new ArrayList<>();
        bytesLeft = MAX_FETCH_BYTES;
        for (int k = 0; k < cursors.length && out.size() < max && bytesLeft > 0; k++) {
            QueueCursor cursor = cursors[(firstQueue + k) % cursors.length];
            int before = out.size();
            try {
                takeDue(cursor, now);
                takeRedeliveries(cursor, consumerId, max - out.size(), out, now);
                takeNew(cursor, consumerId, max - out.size(), out, now);
            } catch (SQLException | RuntimeException e) {
                undo(out); // what earlier queues handed out would otherwise stay in flight to no one
                throw e;
            }
            if (out.size() > before) {
                cursor.addClaims(out.subList(before, out.size()), claims);
            }
        }
        if (!claims.isEmpty()) {
            try {
                ledger.claim(groupId, claims, "consumer-" + consumerId + "@" + brokerId, now + leaseMs);
            } catch (SQLException | RuntimeException e) {
                undo(out);
                throw e;
            }
        }
        return out;
    }

    private void takeDue(QueueCursor cursor, long now) {
        if (cursor.delayed.isEmpty()) {
            return;
        }
        Iterator<Map.Entry<Long, Long>> delayed = cursor.delayed.entrySet().iterator();
        while (delayed.hasNext()) {
            Map.Entry<Long, Long> entry = delayed.next();
            if (entry.getValue() <= now) {
                cursor.redeliver.put(entry.getKey(), cursor.priorDeliveries(entry.getKey()));
                delayed.remove();
            }
        }
    }

    private void takeRedeliveries(QueueCursor cursor, long consumerId, int max, List<Delivery> out, long now)
            throws SQLException {
        if (cursor.redeliver.isEmpty() || max <= 0) {
            return;
        }
        List<Long> offsets = new ArrayList<>(Math.min(max, cursor.redeliver.size()));
        for (Long offset : cursor.redeliver.keySet()) {
            if (offsets.size() == max) {
                break;
            }
            offsets.add(offset);
        }
        List<StoredMessage> messages;
        try (Connection connection = tables.of(cursor.queue).getConnection()) {
            messages = QueueTable.readOffsets(connection, cursor.queue.tableName(), offsets);
        }
        Map<Long, Integer> prior = new HashMap<>();
        offsets.forEach(offset -> prior.put(offset, cursor.redeliver.remove(offset)));
        for (StoredMessage message : messages) {
            if (message.expiredAt(now)) {
                expired.incrementAndGet();
                cursor.expiredUnsaved++;
            } else if (bytesLeft <= 0) {
                cursor.redeliver.put(message.offset(), prior.get(message.offset()));
            } else {
                deliver(cursor, consumerId, message, prior.get(message.offset()), out);
            }
        }
    }

    private void takeNew(QueueCursor cursor, long consumerId, int max, List<Delivery> out, long now)
            throws SQLException {
        if (max <= 0 || cursor.readAfter >= cursor.tail.high()) {
            return;
        }
        List<StoredMessage> batch = cursor.tail.readAfter(cursor.readAfter, max);
        if (batch == null) {
            try (Connection connection = tables.of(cursor.queue).getConnection()) {
                batch = QueueTable.readRange(connection, cursor.queue.tableName(), cursor.readAfter,
                        cursor.tail.high(), max);
            }
        }
        for (StoredMessage message : batch) {
            if (bytesLeft <= 0) {
                break;
            }
            cursor.readAfter = message.offset();
            if (cursor.skipsNew(message.offset())) {
                continue; // acknowledged by a recorded transaction (restart): never handed out again
            }
            if (message.expiredAt(now)) {
                expired.incrementAndGet();
                cursor.expiredUnsaved++;
            } else if (!message.dueAt(now)) {
                cursor.delayed.put(message.offset(), message.deliverAt());
            } else {
                deliver(cursor, consumerId, message, cursor.priorDeliveries(message.offset()), out);
            }
        }
        cursor.advanceCommitted();
    }

    private void deliver(QueueCursor cursor, long consumerId, StoredMessage message, int prior,
                         List<Delivery> out) {
        int count = prior + 1;
        bytesLeft -= message.payload().length;
        cursor.inFlight.put(message.offset(), new QueueCursor.InFlight(consumerId, count));
        out.add(new Delivery(cursor.queue.index(), message.offset(), count, message.payload()));
    }

    void undo(List<Delivery> deliveries) {
        for (Delivery delivery : deliveries) {
            QueueCursor cursor = cursors[delivery.queueIndex()];
            cursor.inFlight.remove(delivery.offset());
            cursor.redeliver.put(delivery.offset(), delivery.deliveryCount() - 1);
        }
    }
}
