package io.rowmq.broker.dispatch;

import io.rowmq.broker.store.QueueRef;
import io.rowmq.broker.store.QueueTail;
import io.rowmq.protocol.Delivery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A group's position in one queue. Everything at or below {@link #committed} is settled; above
 * it, a message is read ({@code offset <= readAfter}) and then in flight, waiting for
 * redelivery, delayed, held by a transaction, or settled. Touched only by its group's serial executor.
 */
final class QueueCursor {
    final QueueRef queue;
    final QueueTail tail;
    /** Offset -> the delivery in flight. */
    final TreeMap<Long, InFlight> inFlight = new TreeMap<>();
    /** Offset -> deliveries made so far, for messages given back and waiting for redelivery. */
    final TreeMap<Long, Integer> redeliver = new TreeMap<>();
    /** Offset -> deliver-at time (epoch ms), for messages read before they were due. */
    final TreeMap<Long, Long> delayed = new TreeMap<>();
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

    /** A message handed to a consumer and not settled yet. */
    record InFlight(long consumerId, int deliveryCount) {
    }

    QueueCursor(QueueRef queue, QueueTail tail, GroupLedger.CursorRecord record) {
        this.queue = queue;
        this.tail = tail;
        this.committed = record.committed();
        this.persistedCommitted = record.committed();
        this.readAfter = record.committed();
        this.priorDeliveries = new HashMap<>(record.attempts());
        this.recoveredClaims = record.claimedRanges();
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

    /** Moves {@link #committed} up to just below the lowest unsettled message; true if it moved. */
    boolean advanceCommitted() {
        long lowestOpen = Long.MAX_VALUE;
        if (!inFlight.isEmpty()) {
            lowestOpen = Math.min(lowestOpen, inFlight.firstKey());
        }
        if (!redeliver.isEmpty()) {
            lowestOpen = Math.min(lowestOpen, redeliver.firstKey());
        }
        if (!delayed.isEmpty()) {
            lowestOpen = Math.min(lowestOpen, delayed.firstKey());
        }
        if (!held.isEmpty()) {
            lowestOpen = Math.min(lowestOpen, held.firstKey());
        }
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
            if (i == offsets.length || !delayed.subMap(offsets[i - 1], false, offsets[i], false).isEmpty()
                    || !redeliver.subMap(offsets[i - 1], false, offsets[i], false).isEmpty()) {
                claims.add(new long[] {queue.queueId(), first, offsets[i - 1]});
                first = i < offsets.length ? offsets[i] : first;
            }
        }
    }

    boolean needsPersist() {
        return committed != persistedCommitted;
    }

    /** True when a consumer could be given something now without reading past the high-water mark. */
    boolean hasWork(long now) {
        if (!redeliver.isEmpty() || readAfter < tail.high()) {
            return true;
        }
        return !delayed.isEmpty() && delayed.values().stream().anyMatch(at -> at <= now);
    }

    /** The earliest deliver-at of a delayed message, or Long.MAX_VALUE. */
    long nextDueTime() {
        return delayed.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
    }
}
