package io.rowmq.broker.dispatch;

import io.rowmq.broker.store.QueueRef;
import io.rowmq.broker.store.QueueTail;
import io.rowmq.broker.store.StoredMessage;
import io.rowmq.protocol.Delivery;

import java.util.HashMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A group's position in one queue. Everything at or below {@link #committed} is settled; above
 * it, a message is read ({@code offset <= readAfter}) and then in flight, waiting for
 * redelivery, delayed, held by a transaction, waiting for a consumer whose selector matches it,
 * or settled. Touched only by its group's serial executor.
 */
final class QueueCursor {
    /**
     * How many messages of one queue may wait for a consumer whose selector matches them (queue
     * groups); once that many wait, consumers with selectors read no further in that queue until
     * some are taken. Bounds the memory a selector nobody satisfies can hold.
     */
    static final int MAX_UNMATCHED = 10_000;

    final QueueRef queue;
    final QueueTail tail;
    /** Offset -> the delivery in flight. */
    final TreeMap<Long, InFlight> inFlight = new TreeMap<>();
    /** Offset -> deliveries made so far, for messages given back and waiting for redelivery. */
    final TreeMap<Long, Integer> redeliver = new TreeMap<>();
    /** Offset -> deliver-at time (epoch ms), for messages read before they were due. */
    final TreeMap<Long, Long> delayed = new TreeMap<>();
    /**
     * Offset -> a message some consumers' selectors rejected (queue groups), waiting for one
     * that matches it. It does not hold the committed offset back: the commit that moves past it
     * records it in skipped_message, and settling it deletes that row.
     */
    final TreeMap<Long, Unmatched> unmatched = new TreeMap<>();
    /** Offsets at or below the committed offset that have a skipped_message row: not settled yet. */
    private final TreeSet<Long> skippedSaved = new TreeSet<>();
    /** Offsets of {@link #skippedSaved} settled since the last offset commit, whose rows are to go. */
    private final List<Long> skippedSettled = new ArrayList<>();
    /**
     * Offset -> deliveries made so far, for messages a transaction acknowledges that is recorded
     * and not applied yet (prepared, or committed and being applied): handed to no one (D16).
     */
    final TreeMap<Long, Integer> held = new TreeMap<>();
    /**
     * Offsets above {@link #readAfter} that a transaction settled (or parked) before this group
     * read them: possible only for acknowledgements recorded before a restart. Skipped once.
     */
    private final TreeSet<Long> settledAhead = new TreeSet<>();
    /** Deliveries made before this broker started (failed attempts, claims of a crashed broker). */
    private final Map<Long, Integer> priorDeliveries;
    private final List<long[]> recoveredClaims;
    long committed;
    long persistedCommitted;
    /** Expired messages skipped since the last offset commit, added to consumer_offset.expired_count then. */
    long expiredUnsaved;
    long readAfter;
    /**
     * The payload size expected of the next rows read from the table, so a read asks for about
     * as many rows as the fetch has bytes left (the rows are streamed and the read stops at the
     * byte limit either way; a low guess only costs rows drained off the wire). Starts high, so
     * a first read of large messages asks for few rows.
     */
    long payloadEstimate = 64 << 10;
    /** Set once the full waiting list of unmatched messages was logged; cleared when it has room again. */
    boolean waitingListWarned;

    /** A message handed to a consumer and not settled yet. */
    record InFlight(long consumerId, int deliveryCount) {
    }

    /** A message waiting for a matching consumer: its deliveries so far and who rejected it. */
    static final class Unmatched {
        final int priorDeliveries;
        final Set<Long> rejectedBy = new HashSet<>(4);

        Unmatched(int priorDeliveries) {
            this.priorDeliveries = priorDeliveries;
        }
    }

    QueueCursor(QueueRef queue, QueueTail tail, GroupLedger.CursorRecord record) {
        this.queue = queue;
        this.tail = tail;
        this.committed = record.committed();
        this.persistedCommitted = record.committed();
        this.readAfter = record.committed();
        this.priorDeliveries = new HashMap<>(record.attempts());
        this.recoveredClaims = record.claimedRanges();
        record.skipped().forEach((offset, prior) -> unmatched.put(offset, new Unmatched(prior)));
        skippedSaved.addAll(record.skipped().keySet());
        this.held.putAll(record.held());
    }

    /**
     * True when reading new messages must pass over this one: a transaction not applied yet
     * acknowledges it, or one settled it before it was read.
     */
    boolean skipsNew(long offset) {
        return (!held.isEmpty() && held.containsKey(offset)) || (!settledAhead.isEmpty() && settledAhead.remove(offset));
    }

    /**
     * A held message's transaction committed: it is settled. One that is not held (its
     * transaction's recording failed without a known outcome and it went back to its consumer)
     * is settled all the same: the committed transaction wins.
     */
    void settleHeld(long offset) {
        if (held.remove(offset) == null && inFlight.remove(offset) == null) {
            redeliver.remove(offset);
        }
        if (offset > readAfter) {
            settledAhead.add(offset);
        }
    }

    /**
     * A held message was given back: one not read yet waits for its turn with its deliveries
     * remembered, instead of being delivered twice (now, and again when reading reaches it).
     */
    void givenBackAhead(long offset) {
        if (offset <= readAfter) {
            return;
        }
        Integer deliveries = redeliver.remove(offset);
        if (deliveries != null) {
            priorDeliveries.put(offset, deliveries);
        } else {
            settledAhead.add(offset); // parked: never delivered again
        }
    }

    /** How many times the message was delivered before, as far as this group knows. */
    int priorDeliveries(long offset) {
        Integer known = priorDeliveries.remove(offset);
        if (known != null) {
            return known;
        }
        for (long[] range : recoveredClaims) {
            if (offset >= range[0] && offset <= range[1]) {
                return 1;
            }
        }
        return 0;
    }

    /**
     * Moves {@link #committed} up to just below the lowest unsettled message above it, passing
     * over messages that wait for a matching selector (the commit records them); true if it moved.
     */
    boolean advanceCommitted() {
        long lowestOpen = Math.min(Math.min(lowestAbove(inFlight), lowestAbove(redeliver)),
                Math.min(lowestAbove(delayed), lowestAbove(held)));
        long candidate = lowestOpen == Long.MAX_VALUE ? readAfter : lowestOpen - 1;
        if (candidate > committed) {
            committed = candidate;
            if (!recoveredClaims.isEmpty()) {
                recoveredClaims.removeIf(range -> range[1] <= candidate);
            }
            return true;
        }
        return false;
    }

    /**
     * Adds the claim rows {@code [queueId, first, last]} of deliveries just made from this queue,
     * split wherever a message between two of them waits for a delivery (delayed, or waiting to be
     * redelivered): after a restart a claimed offset counts as delivered once, which it was not.
     */
    void addClaims(List<Delivery> deliveries, List<long[]> claims) {
        long[] offsets = deliveries.stream().mapToLong(Delivery::offset).sorted().toArray();
        long first = offsets[0];
        for (int i = 1; i <= offsets.length; i++) {
            if (i == offsets.length || waitsBetween(offsets[i - 1], offsets[i])) {
                claims.add(new long[] {queue.queueId(), first, offsets[i - 1]});
                first = i < offsets.length ? offsets[i] : first;
            }
        }
    }

    /** A copy of this position for a browser, made on the group's executor. */
    QueueSnapshot snapshot() {
        Map<Long, Integer> open = new HashMap<>();
        delayed.keySet().forEach(offset -> open.put(offset, priorDeliveries.getOrDefault(offset, 0)));
        open.putAll(redeliver);
        inFlight.forEach((offset, delivery) -> open.put(offset, delivery.deliveryCount()));
        unmatched.forEach((offset, waiting) -> open.put(offset, waiting.priorDeliveries));
        return new QueueSnapshot(committed, readAfter, open, priorDeliveries, recoveredClaims);
    }

    private boolean waitsBetween(long low, long high) {
        return !delayed.subMap(low, false, high, false).isEmpty()
                || !redeliver.subMap(low, false, high, false).isEmpty()
                || !unmatched.subMap(low, false, high, false).isEmpty();
    }

    /** Records that {@code consumer}'s selector rejected the message, which now waits for another consumer. */
    void reject(long offset, int priorDeliveries, GroupConsumer consumer) {
        Unmatched entry = unmatched.computeIfAbsent(offset, ignored -> new Unmatched(priorDeliveries));
        if (entry.rejectedBy.add(consumer.id)) {
            consumer.rejectedOne(queue.index());
        }
    }

    /** Takes a message off the waiting list (delivered, settled, expired or gone); null if it was not on it. */
    Unmatched removeUnmatched(long offset, Map<Long, GroupConsumer> consumers) {
        Unmatched entry = unmatched.remove(offset);
        if (entry != null) {
            for (Long rejecter : entry.rejectedBy) {
                GroupConsumer consumer = consumers.get(rejecter);
                if (consumer != null) {
                    consumer.forgetRejected(queue.index());
                }
            }
        }
        return entry;
    }

    /** Forgets a consumer that closed, so the waiting messages do not remember it. */
    void forgetConsumer(long consumerId) {
        unmatched.values().forEach(entry -> entry.rejectedBy.remove(consumerId));
    }

    private long lowestAbove(TreeMap<Long, ?> open) {
        Long key = open.isEmpty() ? null : open.higherKey(committed);
        return key == null ? Long.MAX_VALUE : key;
    }

    /** Notes that the message is settled; if it had a skipped_message row, the next commit deletes it. */
    void settle(long offset) {
        if (skippedSaved.contains(offset)) {
            skippedSettled.add(offset);
        }
    }

    /** Unsettled messages at or below the committed offset without a skipped_message row: offset -> prior deliveries. */
    Map<Long, Integer> skippedToSave() {
        Map<Long, Integer> toSave = new HashMap<>();
        unmatched.headMap(committed, true).forEach((offset, entry) -> toSave.put(offset, entry.priorDeliveries));
        inFlight.headMap(committed, true).forEach((offset, delivery) -> toSave.put(offset, delivery.deliveryCount()));
        redeliver.headMap(committed, true).forEach(toSave::put);
        toSave.keySet().removeAll(skippedSaved);
        return toSave;
    }

    List<Long> skippedSettled() {
        return List.copyOf(skippedSettled);
    }

    /** The commit that carried {@code saved} and {@code settled} succeeded. */
    void skippedCommitted(Set<Long> saved, List<Long> settled) {
        skippedSaved.addAll(saved);
        settled.forEach(skippedSaved::remove);
        skippedSettled.removeAll(settled);
    }

    boolean needsPersist() {
        return committed != persistedCommitted || !skippedSettled.isEmpty();
    }

    /**
     * True when the consumer could be given something now without reading past the high-water
     * mark: messages to redeliver, waiting messages its selector has not rejected yet, or new
     * messages it may read (a consumer with a selector reads none while the waiting list is full).
     * A consumer whose selector rejected everything waiting is not woken again for them.
     */
    boolean hasWork(GroupConsumer consumer, long now) {
        if (!redeliver.isEmpty() || unmatched.size() > consumer.rejected(queue.index())) {
            return true;
        }
        if (readAfter < tail.high() && (consumer.selector == null || unmatched.size() < MAX_UNMATCHED)) {
            return true;
        }
        return !delayed.isEmpty() && delayed.values().stream().anyMatch(at -> at <= now);
    }

    /** The earliest deliver-at of a delayed message, or Long.MAX_VALUE. */
    long nextDueTime() {
        return delayed.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
    }

    /** Sets {@link #payloadEstimate} to the average payload of rows just read from the table. */
    void notePayloads(List<StoredMessage> read) {
        if (read.isEmpty()) {
            return;
        }
        long bytes = 0;
        for (StoredMessage message : read) {
            bytes += message.payload().length;
        }
        payloadEstimate = Math.max(1, bytes / read.size());
    }
}
