package io.rowmq.bench.broker;

import io.rowmq.bench.Latency;
import io.rowmq.bench.Result;
import io.rowmq.bench.raw.RangeReadPhase;
import io.rowmq.jms.provider.RowMQClient;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.MessageRef;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Consume throughput: one consumer drains a topic pre-filled with 50,000 persistent 1 KiB
 * messages, fetching with a credit of 1,000 and acknowledging each batch while the next one is
 * fetched (at most one ack in flight; the phase ends when the last ack is committed), as an
 * application acknowledging asynchronously does. A smaller backlog is drained first as warm-up.
 * One backlog drains in about half a second, so a single drain is at the mercy of one GC or
 * one slow fsync: the phase fills and drains {@link #ROUNDS} backlogs and reports the median
 * round's rate, with the latency of every fetch of every round.
 */
public final class ConsumePhase {
    public static final String ID = "mq-consume";
    public static final int CREDIT = 1_000;
    public static final double MIN_RATE = 100_000;
    private static final int WARMUP_MESSAGES = 10_000;
    private static final int FILL_BATCH = 100;
    static final int ROUNDS = 5;

    private final BrokerUnderTest broker;

    public ConsumePhase(BrokerUnderTest broker) {
        this.broker = broker;
    }

    /**
     * @param heapProbe called with a row id and a moment: before the measured backlog is
     *                  stored, once it is stored, and once it is consumed
     */
    public Result run(BiConsumer<String, String> heapProbe) throws Exception {
        Backlog.fill(broker, "bench.consume-warmup", ProducePhase.QUEUES, WARMUP_MESSAGES, FILL_BATCH);
        drain("bench.consume-warmup", WARMUP_MESSAGES);
        heapProbe.accept("heap-pre-backlog", "after the produce phases, before the backlog");
        Histogram latency = new Histogram(3);
        double[] rates = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            String topic = "bench.consume-" + round;
            Backlog.fill(broker, topic, ProducePhase.QUEUES, RangeReadPhase.ROWS, FILL_BATCH);
            if (round == 0) {
                heapProbe.accept("heap-backlog", String.format("with a backlog of %,d messages stored",
                        RangeReadPhase.ROWS));
            }
            Drained d = drain(topic, RangeReadPhase.ROWS);
            if (round == 0) {
                heapProbe.accept("heap-drained", "after the backlog is consumed");
            }
            rates[round] = d.messages / d.seconds;
            latency.add(d.latencyMicros);
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        System.out.printf("%s rounds: %s msg/s%n", ID, Arrays.stream(rates)
                .mapToObj(rate -> String.format("%,.0f", rate)).toList());
        return new Result(ID, "RowMQ consume", String.format("1 consumer, backlog %,d in %d queues, credit %,d, ack per batch (1 in flight);"
                + " median of %d backlogs; latency per fetch", RangeReadPhase.ROWS, ProducePhase.QUEUES, CREDIT, ROUNDS),
                sorted[ROUNDS / 2], "msg/s", Latency.fromMicros(latency),
                Result.Target.rateOf(RangeReadPhase.ID, MIN_RATE));
    }

    private record Drained(long messages, double seconds, Histogram latencyMicros) {
    }

    private Drained drain(String topic, int expected) throws Exception {
        Histogram latency = new Histogram(3);
        try (RowMQClient client = broker.connect(topic + "-consumer")) {
            long consumerId = client.subscribe(topic, "bench-consumers", GroupKind.QUEUE, null, false)
                    .get(30, TimeUnit.SECONDS);
            long received = 0;
            int emptyFetches = 0;
            CompletableFuture<Void> pendingAck = null; // one ack in flight while the next batch is fetched
            long start = System.nanoTime();
            while (received < expected) {
                long t0 = System.nanoTime();
                List<Delivery> batch = client.fetch(consumerId, CREDIT, 1_000).get(60, TimeUnit.SECONDS);
                if (batch.isEmpty()) {
                    if (++emptyFetches > 10) {
                        throw new IllegalStateException("Consumer on '" + topic + "' got nothing for 10 s after "
                                + received + " of " + expected + " messages");
                    }
                    continue;
                }
                List<MessageRef> refs = new ArrayList<>(batch.size());
                for (Delivery delivery : batch) {
                    refs.add(delivery.ref());
                }
                if (pendingAck != null) {
                    pendingAck.get(60, TimeUnit.SECONDS);
                }
                pendingAck = client.ack(consumerId, refs);
                latency.recordValue((System.nanoTime() - t0) / 1000);
                received += batch.size();
            }
            if (pendingAck != null) {
                pendingAck.get(60, TimeUnit.SECONDS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (received != expected) {
                throw new IllegalStateException("Consumer on '" + topic + "' received " + received + " messages, "
                        + expected + " were sent");
            }
            return new Drained(received, seconds, latency);
        }
    }
}
