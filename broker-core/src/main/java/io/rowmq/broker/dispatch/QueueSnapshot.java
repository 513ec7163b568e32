package io.rowmq.broker.dispatch;

import java.util.List;
import java.util.Map;

/**
 * A group's position in one queue as a browser sees it, copied from the group's cursor (or from
 * the admin schema when no consumer runs it here): everything at or below {@code committed} is
 * settled except what is in {@code open} (a message below it can wait
 * for a consumer whose selector matches it); above it, a message up to {@code readAfter} is still to be delivered only when it is
 * in {@code open} (in flight, waiting for redelivery or delayed), and every message after
 * {@code readAfter} is. Immutable.
 *
 * @param open          offset -> deliveries made so far, for the open messages up to readAfter
 * @param attempts      offset -> deliveries made so far, for failed messages above readAfter
 * @param claimedRanges [first, last] offsets claimed before this broker started: delivered once
 */
record QueueSnapshot(long committed, long readAfter, Map<Long, Integer> open, Map<Long, Integer> attempts,
                     List<long[]> claimedRanges) {

    QueueSnapshot {
        open = Map.copyOf(open);
        attempts = Map.copyOf(attempts);
        claimedRanges = claimedRanges.stream().map(long[]::clone).toList();
    }

    /** A group that has not consumed anything of the queue, starting after {@code committed}. */
    static QueueSnapshot untouched(long committed) {
        return new QueueSnapshot(committed, committed, Map.of(), Map.of(), List.of());
    }

    /** True when the group would still deliver the message at {@code offset} (if not expired and due). */
    boolean pending(long offset) {
        return open.containsKey(offset) || (offset > committed && offset > readAfter);
    }

    /**
     * Where a browse of this queue starts: after {@code committed}, or before the lowest open
     * message when a selector left one waiting below it.
     */
    long browseStart() {
        long start = committed;
        for (long offset : open.keySet()) {
            start = Math.min(start, offset - 1);
        }
        return start;
    }

    /** The delivery count the next delivery of the message would carry: 1 if it was never delivered. */
    int nextDeliveryCount(long offset) {
        Integer prior = offset <= readAfter ? open.get(offset) : attempts.get(offset);
        if (prior != null) {
            return prior + 1;
        }
        for (long[] range : claimedRanges) {
            if (offset >= range[0] && offset <= range[1]) {
                return 2;
            }
        }
        return 1;
    }
}
