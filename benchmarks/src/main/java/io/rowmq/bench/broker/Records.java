package io.rowmq.bench.broker;

import io.rowmq.protocol.BodyType;
import io.rowmq.protocol.MessageRecord;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Persistent JMS bytes messages as the client encodes them, padded so each encoded record is
 * exactly 1 KiB: the stored payload is then the same size as the raw rows' payload. The first
 * 8 body bytes can carry a {@link System#nanoTime()} stamp for end-to-end latency.
 */
public final class Records {
    public static final int RECORD_BYTES = 1024;

    private final String destination;
    private final long producerId;
    private final byte[] filler;
    private final int bodyBytes;
    private long sequence;

    public Records(String topic, long producerId) {
        this.destination = "queue://" + topic;
        this.producerId = producerId;
        this.filler = new byte[RECORD_BYTES];
        ThreadLocalRandom.current().nextBytes(filler);
        int overhead = build(0, new byte[0]).encode().length;
        this.bodyBytes = RECORD_BYTES - overhead;
        this.sequence = 0;
    }

    /** The next {@code count} records of this producer. */
    public List<byte[]> batch(int count) {
        List<byte[]> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batch.add(next(0));
        }
        return batch;
    }

    /** The next record, its body starting with {@code stampNanos}. */
    public byte[] next(long stampNanos) {
        byte[] body = new byte[bodyBytes];
        System.arraycopy(filler, 0, body, 0, bodyBytes);
        ByteBuffer.wrap(body).putLong(stampNanos);
        byte[] record = build(sequence++, body).encode();
        if (record.length != RECORD_BYTES) {
            throw new IllegalStateException("Encoded record is " + record.length + " bytes, expected " + RECORD_BYTES);
        }
        return record;
    }

    /** The stamp written by {@link #next(long)}. */
    public static long stampOf(byte[] record) {
        return ByteBuffer.wrap(MessageRecord.decode(record).body()).getLong();
    }

    private MessageRecord build(long seq, byte[] body) {
        // fixed-width ids keep the encoded size constant as the sequence grows
        return MessageRecord.builder().persistent(true).bodyType(BodyType.BYTES).priority(4)
                .timestamp(System.currentTimeMillis())
                .messageId(String.format("ID:bench-%08d-%012d", producerId, seq))
                .correlationId(String.format("order-%012d", seq))
                .type("bench.order.created")
                .destination(destination)
                .body(body)
                .build();
    }
}
