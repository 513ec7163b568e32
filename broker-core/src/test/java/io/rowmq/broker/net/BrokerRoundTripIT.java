package io.rowmq.broker.net;

import io.rowmq.jms.provider.ConnectionLostException;
import io.rowmq.jms.provider.RowMQClient;
import io.rowmq.protocol.BodyType;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.Frame;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.MessageRecord;
import io.rowmq.protocol.ProduceResult;
import io.rowmq.protocol.TopicInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A real client against a real server and engine on loopback: topics, produce, fetch, ack. */
@Timeout(120)
class BrokerRoundTripIT {
    private static ServerFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ServerFixture(Frame.DEFAULT_MAX_FRAME_SIZE);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static byte[] record(String text, int n) {
        return MessageRecord.builder().bodyType(BodyType.TEXT).messageId("ID:" + text + "-" + n)
                .destination("queue://" + text).property("n", n).body(text.getBytes(StandardCharsets.UTF_8))
                .build().encode();
    }

    /** Fetches until {@code count} deliveries arrived or a fetch comes back empty. */
    static List<Delivery> fetchAll(RowMQClient client, long consumerId, int count) throws Exception {
        List<Delivery> all = new ArrayList<>();
        while (all.size() < count) {
            List<Delivery> batch = client.fetch(consumerId, count - all.size(), 5_000).get();
            if (batch.isEmpty()) {
                break;
            }
            all.addAll(batch);
        }
        return all;
    }

    static BrokerError brokerError(CompletableFuture<?> future) {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> future.get(10, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(BrokerError.class);
        return (BrokerError) e.getCause();
    }

    @Test
    void createsListsAndDeletesTopics() throws Exception {
        try (RowMQClient client = fixture.connect()) {
            assertThat(client.brokerId()).isEqualTo("it-broker");
            TopicInfo created = client.createTopic("rt.topics", 3, 5).get();
            assertThat(created).isEqualTo(new TopicInfo("rt.topics", 3, 5));
            assertThat(client.metadata(null).get()).contains(created);
            assertThat(client.metadata("rt.topics").get()).containsExactly(created);
            assertThat(brokerError(client.createTopic("rt.topics", 3, 5)).code()).isEqualTo(ErrorCode.TOPIC_EXISTS);
            client.deleteTopic("rt.topics").get();
            assertThat(brokerError(client.metadata("rt.topics")).code()).isEqualTo(ErrorCode.UNKNOWN_TOPIC);
            assertThat(client.isOpen()).as("an ERROR reply leaves the connection open").isTrue();
            client.heartbeat().get();
        }
    }

    @Test
    void producesFetchesAndAcks() throws Exception {
        try (RowMQClient client = fixture.connect()) {
            client.createTopic("rt.orders", 1, 3).get();
            long consumer = client.subscribe("rt.orders", "rt.orders", GroupKind.QUEUE, null, false).get();
            List<byte[]> records = List.of(record("rt.orders", 1), record("rt.orders", 2), record("rt.orders", 3));
            ProduceResult stored = client.produce("rt.orders", -1, 0, 0, records).get();
            assertThat(stored.queueIndex()).isZero();
            assertThat(stored.duplicate()).isFalse();
            assertThat(stored.offsets()).hasSize(3).isSorted();

            List<Delivery> deliveries = fetchAll(client, consumer, 3);
            assertThat(deliveries).extracting(Delivery::offset).containsExactly(
                    stored.offsets()[0], stored.offsets()[1], stored.offsets()[2]);
            assertThat(deliveries).allSatisfy(d -> assertThat(d.deliveryCount()).isEqualTo(1));
            assertThat(MessageRecord.decode(deliveries.get(1).record()))
                    .isEqualTo(MessageRecord.decode(records.get(1)));
            client.ack(consumer, deliveries.stream().map(Delivery::ref).toList()).get();
            assertThat(client.fetch(consumer, 10, 200).get()).isEmpty();
            client.closeConsumer(consumer).get();
            assertThat(brokerError(client.fetch(consumer, 1, 0)).code()).isEqualTo(ErrorCode.UNKNOWN_CONSUMER);
        }
    }

    @Test
    void carriesConcurrentProducesFromManyThreadsOnOneConnection() throws Exception {
        try (RowMQClient client = fixture.connect()) {
            client.createTopic("rt.concurrent", 1, 3).get();
            int threads = 4;
            int perThread = 100;
            List<CompletableFuture<ProduceResult>> results = Collections.synchronizedList(new ArrayList<>());
            List<Thread> producers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread producer = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        results.add(client.produce("rt.concurrent", 0, 0, 0,
                                List.of(record("rt.concurrent", thread * perThread + i))));
                    }
                }, "producer-" + t);
                producer.start();
                producers.add(producer);
            }
            for (Thread producer : producers) {
                producer.join();
            }
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(results.stream().map(r -> r.join().offsets()[0]).distinct().count())
                    .isEqualTo((long) threads * perThread);
            assertThat(client.outstandingRequests()).isZero();
        }
    }

    @Test
    void rejectsConsumersOpenedOnAnotherConnection() throws Exception {
        try (RowMQClient owner = fixture.connect(); RowMQClient other = fixture.connect()) {
            long consumer = owner.subscribe("rt.owned", "rt.owned", GroupKind.QUEUE, null, true).get();
            BrokerError error = brokerError(other.fetch(consumer, 1, 0));
            assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_CONSUMER);
            assertThat(error.getMessage()).contains("consumer " + consumer);
            assertThat(brokerError(other.ack(consumer, List.of())).code()).isEqualTo(ErrorCode.UNKNOWN_CONSUMER);
            owner.closeConsumer(consumer).get();
        }
    }

    @Test
    void failsOutstandingRequestsWhenTheConnectionIsLost() throws Exception {
        try (ServerFixture own = new ServerFixture(Frame.DEFAULT_MAX_FRAME_SIZE); RowMQClient client = own.connect()) {
            long consumer = client.subscribe("rt.lost", "rt.lost", GroupKind.QUEUE, null, true).get();
            CompletableFuture<List<Delivery>> waiting = client.fetch(consumer, 1, 60_000);
            client.heartbeat().get(); // answered after the FETCH was handed to the engine
            own.server().close(200);
            assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ConnectionLostException.class)
                    .hasMessageContaining("FETCH request")
                    .hasMessageContaining("connection was lost");
            assertThatThrownBy(() -> client.heartbeat().get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ConnectionLostException.class);
        }
    }
}
