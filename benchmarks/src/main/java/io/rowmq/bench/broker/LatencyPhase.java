package io.rowmq.bench.broker;

import io.rowmq.bench.Latency;
import io.rowmq.bench.Result;
import io.rowmq.jms.provider.RowMQClient;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.MessageRef;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end latency at a fixed rate, corrected for coordinated omission: message i has an
 * intended send time {@code start + i / rate}, carried in its body, and every latency is
 * measured from that time, so a send delayed by a stall counts its wait. The producer sends one
 * record per PRODUCE without waiting for the previous confirmation (open loop); the consumer
 * long-polls and acks each batch. Only messages intended inside the measured window count.
 */
public final class LatencyPhase {
    public static final String E2E_ID = "mq-e2e";
    public static final String CONFIRM_ID = "mq-confirm";
    private static final String TOPIC = "bench.latency";

    private final BrokerUnderTest broker;

    public LatencyPhase(BrokerUnderTest broker) {
        this.broker = broker;
    }

    /** Returns the end-to-end row and the send-to-confirm row. */
    public List<Result> run(int ratePerSecond, Duration warmup, Duration measure) throws Exception {
        long interval = 1_000_000_000L / ratePerSecond;
        long total = (warmup.toNanos() + measure.toNanos()) / interval;
        try (RowMQClient admin = broker.connect(TOPIC + "-admin")) {
            admin.createTopic(TOPIC, ProducePhase.QUEUES, 0).get(30, TimeUnit.SECONDS);
        }
        long start = System.nanoTime() + 200_000_000L;
        long measureFrom = start + warmup.toNanos();
        Window window = new Window(measureFrom, measureFrom + measure.toNanos());
        Histogram e2e = new Histogram(3);
        Histogram confirm = new ConcurrentHistogram(3);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (RowMQClient producer = broker.connect(TOPIC + "-producer");
             RowMQClient consumer = broker.connect(TOPIC + "-consumer")) {
            long consumerId = consumer.subscribe(TOPIC, "bench-latency", GroupKind.QUEUE, null, false)
                    .get(30, TimeUnit.SECONDS);
            Thread receiver = new Thread(() -> receive(consumer, consumerId, total, window, e2e, failure),
                    "latency-consumer");
            receiver.setDaemon(true);
            receiver.start();
            send(producer, start, interval, total, window, confirm, failure);
            receiver.join(TimeUnit.SECONDS.toMillis(60) + measure.toMillis());
            if (failure.get() == null && receiver.isAlive()) {
                failure.set(new IllegalStateException("the consumer did not receive all " + total + " messages"));
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Latency phase failed: " + failure.get(), failure.get());
        }
        double seconds = measure.toNanos() / 1e9;
        String settings = String.format("%,d msg/s x %d s, 1 producer (1 record/PRODUCE, pipelined), 1 consumer",
                ratePerSecond, measure.toSeconds());
        return List.of(
                new Result(E2E_ID, "RowMQ end-to-end latency", settings + "; intended send to receipt",
                        e2e.getTotalCount() / seconds, "msg/s", Latency.fromMicros(e2e), null),
                new Result(CONFIRM_ID, "RowMQ send-to-confirm latency", settings + "; intended send to confirm",
                        confirm.getTotalCount() / seconds, "msg/s", Latency.fromMicros(confirm), null));
    }

    private record Window(long fromNanos, long toNanos) {
        boolean contains(long nanos) {
            return nanos >= fromNanos && nanos < toNanos;
        }
    }

    private static void send(RowMQClient client, long start, long interval, long total, Window window,
                             Histogram confirm, AtomicReference<Throwable> failure) throws InterruptedException {
        Records records = new Records(TOPIC, 777_777);
        CountDownLatch confirmed = new CountDownLatch(Math.toIntExact(total));
        for (long i = 0; i < total && failure.get() == null; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            byte[] record = records.next(intended);
            client.produce(TOPIC, 0, 777_777, i, List.of(record)).whenComplete((result, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                } else if (window.contains(intended)) {
                    confirm.recordValue((System.nanoTime() - intended) / 1000);
                }
                confirmed.countDown();
            });
        }
        if (failure.get() == null && !confirmed.await(60, TimeUnit.SECONDS)) {
            failure.compareAndSet(null, new IllegalStateException(confirmed.getCount() + " of " + total
                    + " sends unconfirmed 60 s after the last"));
        }
    }

    private static void receive(RowMQClient client, long consumerId, long total, Window window, Histogram e2e,
                                AtomicReference<Throwable> failure) {
        try {
            long received = 0;
            while (received < total && failure.get() == null) {
                List<Delivery> batch = client.fetch(consumerId, ConsumePhase.CREDIT, 100).get(60, TimeUnit.SECONDS);
                long now = System.nanoTime();
                List<MessageRef> refs = new ArrayList<>(batch.size());
                for (Delivery delivery : batch) {
                    long intended = Records.stampOf(delivery.record());
                    if (window.contains(intended)) {
                        e2e.recordValue(Math.max(0, now - intended) / 1000);
                    }
                    refs.add(delivery.ref());
                }
                if (!refs.isEmpty()) {
                    client.ack(consumerId, refs).get(60, TimeUnit.SECONDS);
                }
                received += batch.size();
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
    }
}
