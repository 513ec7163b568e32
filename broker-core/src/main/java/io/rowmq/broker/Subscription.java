package io.rowmq.broker;

/** An open consumer: the handle the client fetches with, and the group it belongs to. */
public record Subscription(long consumerId, long groupId) {
}
