package io.rowmq.bench.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Fills a new topic with an exact number of messages, one batched producer per queue in parallel. */
public final class Backlog {
    private static final AtomicLong PRODUCER_IDS = new AtomicLong(900_000);

    private Backlog() {
    }

    public static void fill(BrokerUnderTest broker, String topic, int queues, int messages, int batch) throws Exception {
        if (messages % (queues * batch) != 0) {
            throw new IllegalArgumentException(messages + " messages do not split into " + queues + " queues x batches of "
                    + batch);
        }
        try (var admin = broker.connect(topic + "-admin")) {
            admin.createTopic(topic, queues, 0).get(30, TimeUnit.SECONDS);
        }
        ExecutorService pool = Executors.newFixedThreadPool(queues);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int q = 0; q < queues; q++) {
                int queue = q;
                done.add(pool.submit(() -> {
                    try (Producer producer = new Producer(broker.connect(topic + "-fill-" + queue), topic, queue,
                            PRODUCER_IDS.incrementAndGet(), batch)) {
                        for (int sent = 0; sent < messages / queues; ) {
                            sent += producer.runOnce();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
