package io.rowmq.protocol;

/** One stored message of a topic: its queue and its offset in that queue. */
public record MessageRef(int queueIndex, long offset) {
}
