package io.rowmq.jms;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One idempotent producer id per broker topic a session sends to, with its next sequence
 * number. The broker keeps one producer id on one queue of the topic, so a session's messages
 * to a destination stay in order (JMS 2.0, 6.2.9), and a resent batch is recognised.
 */
final class ProducerStreams {
    private final ConcurrentHashMap<String, Stream> streams = new ConcurrentHashMap<>();

    /** A producer id and its sequence counter. */
    static final class Stream {
        final long producerId;
        private final AtomicLong nextSequence = new AtomicLong();

        Stream(long producerId) {
            this.producerId = producerId;
        }

        /** Reserves {@code count} sequence numbers and returns the first. */
        long reserve(int count) {
            return nextSequence.getAndAdd(count);
        }
    }

    Stream forTopic(String brokerTopic) {
        return streams.computeIfAbsent(brokerTopic, topic -> new Stream(newProducerId()));
    }

    private static long newProducerId() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        } while (id == 0);
        return id;
    }
}
