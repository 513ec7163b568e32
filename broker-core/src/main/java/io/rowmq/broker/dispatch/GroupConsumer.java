package io.rowmq.broker.dispatch;

import io.rowmq.protocol.selector.Selector;

/**
 * A consumer of a group as its dispatcher sees it: when it was last heard from, which queue
 * its next fetch starts with, its own selector (queue groups only; null: every message) and, per
 * queue, how many of the messages waiting for a matching consumer its selector has rejected.
 * Touched only by its group's serial executor.
 */
final class GroupConsumer {
    final long id;
    final Selector selector;
    long lastSeen;
    int nextQueue;
    /** Per queue index: entries of {@link QueueCursor#unmatched} this consumer rejected. */
    private final int[] rejected;

    GroupConsumer(long id, Selector selector, int queues, long now) {
        this.id = id;
        this.selector = selector;
        this.lastSeen = now;
        this.rejected = new int[queues];
    }

    int rejected(int queueIndex) {
        return rejected[queueIndex];
    }

    void rejectedOne(int queueIndex) {
        rejected[queueIndex]++;
    }

    void forgetRejected(int queueIndex) {
        rejected[queueIndex]--;
    }
}
