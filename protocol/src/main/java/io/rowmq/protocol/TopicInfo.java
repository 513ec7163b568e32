package io.rowmq.protocol;

/** A topic as the broker describes it. */
public record TopicInfo(String name, int queueCount, int maxAttempts) {
}
