package io.rowmq.broker.dispatch;

import io.rowmq.broker.store.QueueLocator;
import io.rowmq.broker.store.QueueTable;
import io.rowmq.broker.store.StoredMessage;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.selector.Selector;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Gathers one fetch for a group: delayed messages that fell due, redeliveries, messages that
 * wait for a consumer whose selector matches them, then new messages from each queue's tail or
 * table, skipping expired ones, within a byte budget; then records the claims. Selectors
 * (decision D14): in a queue group each consumer may have its own, and a message it rejects
 * waits in {@link QueueCursor#unmatched} for another consumer; in the other groups one selector
 * serves the whole group, and a message it rejects is settled. A fetch for a consumer without a
 * selector in a group without one decodes nothing. Runs on its group's serial executor, like the
 * cursors it moves.
 */
final class FetchCollector {
    private static final Logger LOG = Logger.getLogger(FetchCollector.class.getName());
    /** Keeps a fetch reply well below the default 16 MiB frame limit. */
    static final long MAX_FETCH_BYTES = 4L << 20;
    /** Messages one fetch may read and evaluate per queue when selectors reject them. */
    static final int MAX_SCAN = 2048;
    private static final int SCAN_BATCH = 256;

    private final long groupId;
    private final String groupName;
    private final QueueCursor[] cursors;
    private final Map<Long, GroupConsumer> consumers;
    private final Selector groupSelector;
    private final QueueLocator tables;
    private final GroupLedger ledger;
    private final Clock clock;
    private final long leaseMs;
    private final String brokerId;
    private final AtomicLong expired = new AtomicLong();
    private final AtomicLong filtered = new AtomicLong();
    /** Payload bytes the fetch being collected may still carry; at least one message always goes. */
    private long bytesLeft;

    FetchCollector(GroupLedger.GroupRow group, String describe, QueueCursor[] cursors,
                   Map<Long, GroupConsumer> consumers, Selector groupSelector, QueueLocator tables,
                   GroupLedger ledger, DispatchSettings settings) {
        this.groupId = group.id();
        this.groupName = describe;
        this.cursors = cursors;
        this.consumers = consumers;
        this.groupSelector = groupSelector;
        this.tables = tables;
        this.ledger = ledger;
        this.clock = settings.clock();
        this.leaseMs = settings.leaseMs();
        this.brokerId = settings.brokerId();
    }

    long expiredCount() {
        return expired.get();
    }

    /** Messages the group's selector rejected and settled without delivering them. */
    long filteredCount() {
        return filtered.get();
    }

    /**
     * Hands up to {@code max} messages to the consumer, starting with the queue at
     * {@code firstQueue}, and records the claims; on any failure nothing stays handed out.
     */
    List<Delivery> collect(GroupConsumer consumer, int firstQueue, int max) throws SQLException {
        long now = clock.millis();
        List<Delivery> out = new ArrayList<>(Math.min(max, 1024));
        List<long[]> claims = new ArrayList<>();
        bytesLeft = MAX_FETCH_BYTES;
        for (int k = 0; k < cursors.length && out.size() < max && bytesLeft > 0; k++) {
            QueueCursor cursor = cursors[(firstQueue + k) % cursors.length];
            int before = out.size();
            try {
                takeDue(cursor, now);
                takeRedeliveries(cursor, consumer, max, out, now);
                takeUnmatched(cursor, consumer, max, out, now);
                takeNew(cursor, consumer, max, out, now);
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
                ledger.claim(groupId, claims, redeliveries(out), "consumer-" + consumer.id + "@" + brokerId,
                        now + leaseMs);
            } catch (SQLException | RuntimeException e) {
                undo(out);
                throw e;
            }
        }
        return out;
    }

    /** The deliveries that are not the first of their message, as delivery_attempt rows to raise. */
    private List<GroupLedger.Attempt> redeliveries(List<Delivery> deliveries) {
        List<GroupLedger.Attempt> again = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            if (delivery.deliveryCount() > 1) {
                again.add(new GroupLedger.Attempt(cursors[delivery.queueIndex()].queue.queueId(), delivery.offset(),
                        delivery.deliveryCount(), null));
            }
        }
        return again;
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

    private void takeRedeliveries(QueueCursor cursor, GroupConsumer consumer, int max, List<Delivery> out, long now)
            throws SQLException {
        if (cursor.redeliver.isEmpty() || out.size() >= max) {
            return;
        }
        List<Long> offsets = new ArrayList<>(Math.min(max - out.size(), cursor.redeliver.size()));
        for (Long offset : cursor.redeliver.keySet()) {
            if (offsets.size() == max - out.size()) {
                break;
            }
            offsets.add(offset);
        }
        List<StoredMessage> messages = read(cursor, offsets);
        Map<Long, Integer> prior = new HashMap<>();
        offsets.forEach(offset -> prior.put(offset, cursor.redeliver.remove(offset)));
        for (StoredMessage message : messages) {
            int deliveries = prior.remove(message.offset());
            if (message.expiredAt(now)) {
                expired(cursor, message.offset());
            } else if (bytesLeft <= 0) {
                cursor.redeliver.put(message.offset(), deliveries);
            } else if (consumer.selector != null && !matches(consumer.selector, cursor, message)) {
                cursor.reject(message.offset(), deliveries, consumer);
            } else if (groupSelector != null && !matches(groupSelector, cursor, message)) {
                filtered.incrementAndGet(); // a delayed message the subscription does not want: settled
            } else {
                deliver(cursor, consumer.id, message, deliveries, out);
            }
        }
        prior.keySet().forEach(cursor::settle); // rows retired with their segment: nothing left to deliver
    }

    /** Messages other consumers' selectors rejected, tried against this consumer's, each at most once. */
    private void takeUnmatched(QueueCursor cursor, GroupConsumer consumer, int max, List<Delivery> out, long now)
            throws SQLException {
        int scanned = 0;
        while (out.size() < max && bytesLeft > 0 && scanned < MAX_SCAN
                && cursor.unmatched.size() > consumer.rejected(cursor.queue.index())) {
            int want = consumer.selector == null ? max - out.size() : SCAN_BATCH;
            List<Long> offsets = new ArrayList<>(Math.min(want, 64));
            for (Map.Entry<Long, QueueCursor.Unmatched> entry : cursor.unmatched.entrySet()) {
                if (offsets.size() == want) {
                    break;
                }
                if (!entry.getValue().rejectedBy.contains(consumer.id)) {
                    offsets.add(entry.getKey());
                }
            }
            if (offsets.isEmpty()) {
                break;
            }
            scanned += offsets.size();
            Map<Long, StoredMessage> messages = new HashMap<>();
            read(cursor, offsets).forEach(message -> messages.put(message.offset(), message));
            for (Long offset : offsets) {
                StoredMessage message = messages.get(offset);
                if (message == null) {
                    cursor.removeUnmatched(offset, consumers); // its row is gone: nothing left to deliver
                    cursor.settle(offset);
                } else if (message.expiredAt(now)) {
                    cursor.removeUnmatched(offset, consumers);
                    expired(cursor, offset);
                } else if (out.size() >= max || bytesLeft <= 0) {
                    break;
                } else if (consumer.selector == null || matches(consumer.selector, cursor, message)) {
                    QueueCursor.Unmatched entry = cursor.removeUnmatched(offset, consumers);
                    deliver(cursor, consumer.id, message, entry.priorDeliveries, out);
                } else {
                    cursor.reject(offset, cursor.unmatched.get(offset).priorDeliveries, consumer);
                }
            }
        }
    }

    private void takeNew(QueueCursor cursor, GroupConsumer consumer, int max, List<Delivery> out, long now)
            throws SQLException {
        Selector selector = consumer.selector != null ? consumer.selector : groupSelector;
        if (selector == null) {
            takeNewUnfiltered(cursor, consumer, max, out, now);
            return;
        }
        int scanned = 0;
        while (out.size() < max && bytesLeft > 0 && scanned < MAX_SCAN && cursor.readAfter < cursor.tail.high()
                && !waitingListFull(cursor, consumer)) {
            List<StoredMessage> batch = readNew(cursor, Math.min(SCAN_BATCH, MAX_SCAN - scanned));
            if (batch.isEmpty()) {
                break;
            }
            for (StoredMessage message : batch) {
                if (out.size() >= max || bytesLeft <= 0 || waitingListFull(cursor, consumer)) {
                    break;
                }
                scanned++;
                cursor.readAfter = message.offset();
                if (message.expiredAt(now)) {
                    expired(cursor, message.offset());
                } else if (!message.dueAt(now)) {
                    cursor.delayed.put(message.offset(), message.deliverAt()); // evaluated when due
                } else if (matches(selector, cursor, message)) {
                    deliver(cursor, consumer.id, message, cursor.priorDeliveries(message.offset()), out);
                } else if (consumer.selector != null) {
                    cursor.reject(message.offset(), cursor.priorDeliveries(message.offset()), consumer);
                } else {
                    cursor.priorDeliveries(message.offset()); // forget its attempts: settled for this group
                    filtered.incrementAndGet();
                }
            }
        }
        cursor.advanceCommitted();
    }

    /** The path of a consumer and a group without selectors: nothing is decoded. */
    private void takeNewUnfiltered(QueueCursor cursor, GroupConsumer consumer, int max, List<Delivery> out, long now)
            throws SQLException {
        if (out.size() >= max || cursor.readAfter >= cursor.tail.high()) {
            return;
        }
        for (StoredMessage message : readNew(cursor, max - out.size())) {
            if (bytesLeft <= 0) {
                break;
            }
            cursor.readAfter = message.offset();
            if (cursor.skipsNew(message.offset())) {
                continue; // acknowledged by a recorded transaction (restart): never handed out again
            }
            if (message.expiredAt(now)) {
                expired(cursor, message.offset());
            } else if (!message.dueAt(now)) {
                cursor.delayed.put(message.offset(), message.deliverAt());
            } else {
                deliver(cursor, consumer.id, message, cursor.priorDeliveries(message.offset()), out);
            }
        }
        cursor.advanceCommitted();
    }

    private boolean waitingListFull(QueueCursor cursor, GroupConsumer consumer) {
        if (consumer.selector == null) {
            return false;
        }
        if (cursor.unmatched.size() < QueueCursor.MAX_UNMATCHED) {
            if (cursor.unmatched.size() < QueueCursor.MAX_UNMATCHED / 2) {
                cursor.waitingListWarned = false;
            }
            return false;
        }
        if (!cursor.waitingListWarned) {
            cursor.waitingListWarned = true;
            LOG.warning(() -> groupName + ": " + cursor.unmatched.size() + " messages of queue " + cursor.queue.index()
                    + " wait for a consumer whose selector matches them; consumers with selectors read no further in"
                    + " this queue until some are taken (attach a consumer that matches them, or one without a"
                    + " selector)");
        }
        return true;
    }

    private List<StoredMessage> readNew(QueueCursor cursor, int max) throws SQLException {
        List<StoredMessage> batch = cursor.tail.readAfter(cursor.readAfter, max);
        if (batch != null) {
            return batch;
        }
        int rows = (int) Math.max(1, Math.min(max, bytesLeft / cursor.payloadEstimate + 1));
        try (Connection connection = tables.of(cursor.queue).getConnection()) {
            List<StoredMessage> read = QueueTable.readRange(connection, cursor.queue.tableName(), cursor.readAfter,
                    cursor.tail.high(), rows, bytesLeft);
            cursor.notePayloads(read);
            return read;
        }
    }

    private List<StoredMessage> read(QueueCursor cursor, List<Long> offsets) throws SQLException {
        if (offsets.isEmpty()) {
            return List.of();
        }
        try (Connection connection = tables.of(cursor.queue).getConnection()) {
            return QueueTable.readOffsets(connection, cursor.queue.tableName(), offsets);
        }
    }

    private boolean matches(Selector selector, QueueCursor cursor, StoredMessage message) {
        return SelectorCheck.matches(selector, message, cursor.queue, groupName);
    }

    private void expired(QueueCursor cursor, long offset) {
        expired.incrementAndGet();
        cursor.expiredUnsaved++;
        cursor.settle(offset);
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
