package io.rowmq.broker.cli;

import io.rowmq.broker.CommandLine;
import io.rowmq.jms.provider.RowMQClient;
import io.rowmq.protocol.BodyType;
import io.rowmq.protocol.MessageRecord;
import io.rowmq.protocol.ProduceResult;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code send TOPIC [--count N] [--size BYTES] [--batch B]}: sends N persistent messages in
 * batches of B, up to {@value #WINDOW} batches in flight, as one idempotent producer that
 * sticks to the queue the broker picks for its first batch.
 */
record SendCommand(String topic, int count, int size, int batch) implements CliCommand {
    static final int WINDOW = 8;
    private static final byte[] FILLER = "RowMQ test message. ".getBytes(StandardCharsets.US_ASCII);

    static SendCommand from(CommandLine cl) {
        String topic = Cli.topicArgument(cl, "send");
        int count = cl.intValue("count", 1);
        int size = cl.intValue("size", 100);
        int batch = cl.intValue("batch", 100);
        if (count < 1) {
            throw new IllegalArgumentException("--count must be at least 1, was " + count);
        }
        if (size < 0 || size > 8 * 1024 * 1024) {
            throw new IllegalArgumentException("--size must be 0..8388608 bytes, was " + size);
        }
        if (batch < 1 || batch > 10_000) {
            throw new IllegalArgumentException("--batch must be 1..10000, was " + batch);
        }
        return new SendCommand(topic, count, size, batch);
    }

    @Override
    public int run(RowMQClient client, PrintStream out) {
        long producerId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        String what = "send to topic '" + topic + "'";
        int firstSize = Math.min(batch, count);
        ProduceResult first;
        try {
            first = Replies.await(client.produce(topic, -1, producerId, 0, records(firstSize)), what);
        } catch (CliFailure e) {
            out.println("Confirmed 0 of " + count + " messages to " + topic);
            throw e;
        }
        Outcome rest = sendRest(client, producerId, first.queueIndex(), firstSize, what);
        out.println("Confirmed " + (confirmedIn(first, firstSize) + rest.confirmed) + " of " + count
                + " messages to " + topic);
        if (rest.failure != null) {
            throw rest.failure;
        }
        return 0;
    }

    /** Sends the batches after the first, {@value #WINDOW} at a time; stops sending at the first failure. */
    private Outcome sendRest(RowMQClient client, long producerId, int queueIndex, int sent, String what) {
        Deque<InFlight> inFlight = new ArrayDeque<>();
        int confirmed = 0;
        CliFailure failure = null;
        while (sent < count || !inFlight.isEmpty()) {
            if (sent < count && failure == null && inFlight.size() < WINDOW) {
                int size = Math.min(batch, count - sent);
                inFlight.add(new InFlight(size, client.produce(topic, queueIndex, producerId, sent, records(size))));
                sent += size;
                continue;
            }
            if (inFlight.isEmpty()) {
                break;
            }
            InFlight oldest = inFlight.poll();
            try {
                confirmed += confirmedIn(Replies.await(oldest.reply, what), oldest.size);
            } catch (CliFailure e) {
                failure = failure == null ? e : failure;
            }
        }
        return new Outcome(confirmed, failure);
    }

    private static int confirmedIn(ProduceResult result, int batchSize) {
        return result.duplicate() ? batchSize : result.offsets().length;
    }

    private List<byte[]> records(int n) {
        long now = System.currentTimeMillis();
        List<byte[]> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            records.add(MessageRecord.builder()
                    .persistent(true)
                    .bodyType(BodyType.BYTES)
                    .timestamp(now)
                    .messageId("ID:rowmq-cli-" + UUID.randomUUID())
                    .destination("queue://" + topic)
                    .body(body(size))
                    .build()
                    .encode());
        }
        return records;
    }

    static byte[] body(int size) {
        byte[] body = new byte[size];
        for (int i = 0; i < size; i += FILLER.length) {
            System.arraycopy(FILLER, 0, body, i, Math.min(FILLER.length, size - i));
        }
        return body;
    }

    private record InFlight(int size, CompletableFuture<ProduceResult> reply) {
    }

    private record Outcome(int confirmed, CliFailure failure) {
    }
}
