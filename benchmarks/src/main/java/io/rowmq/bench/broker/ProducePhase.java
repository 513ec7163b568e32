package io.rowmq.bench.broker;

import io.rowmq.bench.Result;
import io.rowmq.bench.TimedLoad;
import io.rowmq.bench.raw.AutocommitInsertPhase;
import io.rowmq.bench.raw.BatchedInsertPhase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Produce throughput: N producers, each on its own connection, each sending batches of
 * {@code batch} persistent 1 KiB records and waiting for each confirmation. Producer i sends to
 * queue i mod 4 of a 4-queue topic, so 4 producers write 4 queue tables as raw-b's 4 writers
 * do; with 16 producers four share each queue and the broker coalesces their sends.
 */
public final class ProducePhase {
    public static final int QUEUES = 4;
    /** The target of rows with 4 or more producers, and of the synchronous producer: share of raw. */
    public static final double MIN_RATIO = 0.9;

    private static final AtomicLong PRODUCER_IDS = new AtomicLong(1000);
    /** Numbers each run's topic: the unreported warm-up pass runs a phase a second time. */
    private static final AtomicLong RUNS = new AtomicLong();

    private final BrokerUnderTest broker;

    public ProducePhase(BrokerUnderTest broker) {
        this.broker = broker;
    }

    public static String batchedId(int producers) {
        return "mq-p" + producers;
    }

    public static String synchronousId(boolean idempotent) {
        return idempotent ? "mq-sync" : "mq-sync-noid";
    }

    /** Batches of 100 records: the unit of work of raw-b/raw-c. */
    public Result runBatched(int producers, Duration warmup, Duration measure) throws Exception {
        String id = batchedId(producers);
        TimedLoad.Measurement m = run(id, producers, BatchedInsertPhase.BATCH, true, warmup, measure);
        Result.Target target = producers >= 4
                ? Result.Target.ratioOf(BatchedInsertPhase.id(4), MIN_RATIO)
                : Result.Target.compareWith(BatchedInsertPhase.id(1));
        return new Result(id, "RowMQ produce, batched", producers + " producer" + (producers == 1 ? "" : "s")
                + " x own connection, " + BatchedInsertPhase.BATCH + " records/PRODUCE; latency per confirm", m.rate(), "msg/s", m.latency(), target);
    }

    /**
     * One producer, one record per PRODUCE: the unit of work of raw-a. Idempotent (its own
     * producer id, as the JMS client sends) or not (producer id 0: no sequence bookkeeping).
     */
    public Result runSynchronous(boolean idempotent, Duration warmup, Duration measure) throws Exception {
        String id = synchronousId(idempotent);
        TimedLoad.Measurement m = run(id, 1, 1, idempotent, warmup, measure);
        return new Result(id, "RowMQ produce, synchronous", "1 producer, 1 record/PRODUCE"
                + (idempotent ? "" : ", producer id 0 (not idempotent)") + "; latency per confirm", m.rate(), "msg/s",
                m.latency(), idempotent ? Result.Target.ratioOf(AutocommitInsertPhase.ID, MIN_RATIO)
                        : Result.Target.compareWith(AutocommitInsertPhase.ID));
    }

    private TimedLoad.Measurement run(String id, int producers, int batch, boolean idempotent, Duration warmup,
                                      Duration measure) throws Exception {
        String topic = "bench." + id + "." + RUNS.incrementAndGet();
        List<Producer> workers = new ArrayList<>();
        try {
            try (var admin = broker.connect(id + "-admin")) {
                admin.createTopic(topic, QUEUES, 0).get(30, TimeUnit.SECONDS);
            }
            for (int i = 0; i < producers; i++) {
                long producerId = idempotent ? PRODUCER_IDS.incrementAndGet() : 0;
                workers.add(new Producer(broker.connect(id + "-" + i), topic, i % QUEUES, producerId, batch));
            }
            return TimedLoad.run(id, workers, warmup, measure);
        } finally {
            workers.forEach(Producer::close);
        }
    }
}
