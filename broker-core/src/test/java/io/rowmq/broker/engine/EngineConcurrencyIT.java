package io.rowmq.broker.engine;

import io.rowmq.broker.AppendResult;
import io.rowmq.broker.MySqlBrokerEngine;
import io.rowmq.broker.testing.EngineFixture;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.MessageRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.rowmq.broker.testing.TestRecords.messageId;
import static io.rowmq.broker.testing.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several producers and competing consumers on the same queues at once: every confirmed
 * message is delivered exactly once (no failures are injected), none is skipped while offsets
 * are being committed concurrently, and each producer's messages keep their order.
 */
@Timeout(180)
class EngineConcurrencyIT {
    private static final int PRODUCERS = 6;
    private static final int BATCHES = 60;
    private static final int BATCH = 5;
    private static final int CONSUMERS = 3;

    @Test
    void concurrentProducersAndCompetingConsumersLoseAndSkipNothing() throws Exception {
        try (EngineFixture fixture = new EngineFixture()) {
            MySqlBrokerEngine engine = fixture.start();
            engine.createTopic("load", 2, 0).join();
            Map<String, MessageRef> confirmed = new ConcurrentHashMap<>();
            Map<String, Delivery> received = new ConcurrentHashMap<>();
            Set<String> duplicates = ConcurrentHashMap.newKeySet();
            ExecutorService threads = Executors.newFixedThreadPool(PRODUCERS + CONSUMERS);
            List<Future<?>> consumers = new ArrayList<>();
            for (int c = 0; c < CONSUMERS; c++) {
                long consumer = engine.subscribe("load", "workers", GroupKind.QUEUE, null, false).join().consumerId();
                consumers.add(threads.submit(() -> consume(engine, consumer, received, duplicates)));
            }
            List<Future<?>> producers = new ArrayList<>();
            for (int p = 1; p <= PRODUCERS; p++) {
                int producer = p;
                producers.add(threads.submit(() -> produce(engine, producer, confirmed)));
            }
            for (Future<?> producer : producers) {
                producer.get(120, TimeUnit.SECONDS);
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (received.size() < confirmed.size() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            threads.shutdownNow();
            threads.awaitTermination(10, TimeUnit.SECONDS);

            assertThat(confirmed).hasSize(PRODUCERS * BATCHES * BATCH);
            assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(confirmed.keySet());
            assertThat(duplicates).isEmpty();
            confirmed.forEach((id, ref) -> assertThat(received.get(id).ref()).isEqualTo(ref));
            assertOrderPerProducer(confirmed);
            assertCommittedUpToTheEnd(fixture);
        }
    }

    private static void produce(MySqlBrokerEngine engine, int producer, Map<String, MessageRef> confirmed) {
        int queue = producer % 2;
        for (int batch = 0; batch < BATCHES; batch++) {
            List<byte[]> records = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                records.add(record(producer + ":" + (batch * BATCH + i)));
            }
            AppendResult result = engine.append("load", queue, producer, (long) batch * BATCH, records).join();
            for (int i = 0; i < BATCH; i++) {
                confirmed.put(producer + ":" + (batch * BATCH + i), new MessageRef(queue, result.offsets()[i]));
            }
        }
    }

    private static void consume(MySqlBrokerEngine engine, long consumer, Map<String, Delivery> received,
                                Set<String> duplicates) {
        while (!Thread.currentThread().isInterrupted()) {
            List<Delivery> batch = engine.fetch(consumer, 25, 100).join();
            for (Delivery delivery : batch) {
                String id = messageId(delivery.record());
                if (received.putIfAbsent(id, delivery) != null) {
                    duplicates.add(id);
                }
            }
            if (!batch.isEmpty()) {
                engine.ack(consumer, batch.stream().map(Delivery::ref).toList()).join();
            }
        }
    }

    private static void assertOrderPerProducer(Map<String, MessageRef> confirmed) {
        for (int p = 1; p <= PRODUCERS; p++) {
            long previous = 0;
            for (int seq = 0; seq < BATCHES * BATCH; seq++) {
                long offset = confirmed.get(p + ":" + seq).offset();
                assertThat(offset).as("offset of producer %d message %d", p, seq).isGreaterThan(previous);
                previous = offset;
            }
        }
    }

    private static void assertCommittedUpToTheEnd(EngineFixture fixture) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        try (Connection connection = fixture.database().connect()) {
            while (true) {
                try (ResultSet rows = connection.createStatement().executeQuery(
                        "SELECT o.committed_offset, q.table_name FROM consumer_offset o"
                                + " JOIN topic_queue q ON q.id = o.queue_id")) {
                    boolean all = true;
                    List<String> state = new ArrayList<>();
                    while (rows.next()) {
                        long committed = rows.getLong(1);
                        try (ResultSet max = connection.createStatement().executeQuery(
                                "SELECT MAX(id) FROM " + rows.getString(2))) {
                            max.next();
                            all &= committed == max.getLong(1);
                            state.add(rows.getString(2) + " committed " + committed + " of " + max.getLong(1));
                        }
                    }
                    if (all || System.currentTimeMillis() > deadline) {
                        assertThat(all).as("every queue committed to its last offset: %s", state).isTrue();
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
    }
}
