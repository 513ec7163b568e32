package io.rowmq.broker;

import io.rowmq.broker.testing.TestDatabase;
import io.rowmq.jms.provider.ClientOptions;
import io.rowmq.jms.provider.RowMQClient;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.MessageRef;
import io.rowmq.protocol.ProduceResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker process is killed with SIGKILL while a producer streams to it and a consumer
 * holds unacknowledged messages; a new broker process on the same database delivers every
 * confirmed message, flagging as redelivered those delivered before the crash.
 */
@Timeout(300)
class BrokerCrashIT {
    private static final String TOPIC = "crash";
    private static final String GROUP = "crash-readers";
    private static final int BATCH = 10;
    private static final long LEASE_MS = 2_000;

    private static TestDatabase db;

    @BeforeAll
    static void createDatabase() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void everyConfirmedMessageSurvivesSigkillAndRedeliveriesAreFlagged() throws Exception {
        int port = BrokerProcess.freePort();
        Set<String> confirmed = ConcurrentHashMap.newKeySet();
        Set<String> deliveredBeforeCrash = new HashSet<>();
        Set<String> ackedBeforeCrash = new HashSet<>();
        try (BrokerProcess broker = BrokerProcess.start("crash-it-1", brokerArgs(port));
             RowMQClient client = connect(port)) {
            client.createTopic(TOPIC, 2, 0).get(30, TimeUnit.SECONDS);
            sendBatches(client, "warmup", 0, 20, confirmed);
            long consumerId = client.subscribe(TOPIC, GROUP, GroupKind.QUEUE, null, false).get(30, TimeUnit.SECONDS);
            List<Delivery> first = client.fetch(consumerId, 100, 5_000).get(30, TimeUnit.SECONDS);
            assertThat(first).as("messages fetched before the crash").isNotEmpty();
            first.forEach(d -> deliveredBeforeCrash.add(IdRecords.idOf(d)));
            List<Delivery> toAck = first.subList(0, first.size() / 2);
            client.ack(consumerId, toAck.stream().map(Delivery::ref).toList()).get(30, TimeUnit.SECONDS);
            toAck.forEach(d -> ackedBeforeCrash.add(IdRecords.idOf(d)));

            Thread streamer = streamInBackground(client, confirmed);
            awaitConfirmed(confirmed, 200 * BATCH + 500);
            broker.kill();
            streamer.join(60_000);
            assertThat(streamer.isAlive()).as("the streaming producer noticed the crash").isFalse();
        }
        Map<String, Integer> after = receiveAfterRestart(port, confirmed.size() - ackedBeforeCrash.size(),
                ackedBeforeCrash);

        Set<String> missing = new HashSet<>(confirmed);
        missing.removeAll(ackedBeforeCrash);
        missing.removeAll(after.keySet());
        assertThat(missing).as("confirmed messages never delivered after the crash").isEmpty();
        assertThat(after.keySet()).as("acknowledged messages delivered again").doesNotContainAnyElementsOf(ackedBeforeCrash);
        for (String id : deliveredBeforeCrash) {
            if (after.containsKey(id)) {
                assertThat(after.get(id)).as("delivery count of %s, delivered before the crash", id).isGreaterThan(1);
            }
        }
    }

    private static String[] brokerArgs(int port) {
        return new String[] {"--port", String.valueOf(port), "--host", "127.0.0.1", "--broker-id", "crash-it",
                "--jdbc-url", db.jdbcUrl(), "--jdbc-user", db.user(), "--jdbc-password", db.password(),
                "--lease-ms", String.valueOf(LEASE_MS), "--pool-size", "8"};
    }

    private static RowMQClient connect(int port) throws Exception {
        return RowMQClient.connect("127.0.0.1", port, ClientOptions.defaults().withClientId("crash-it"));
    }

    private static void sendBatches(RowMQClient client, String prefix, int queue, int batches, Set<String> confirmed)
            throws Exception {
        for (int i = 0; i < batches; i++) {
            client.produce(TOPIC, queue, 0, 0, IdRecords.records(prefix, (long) i * BATCH, BATCH))
                    .get(30, TimeUnit.SECONDS);
            confirmed.addAll(IdRecords.ids(prefix, (long) i * BATCH, BATCH));
        }
    }

    /** Sends batches with 4 in flight, alternating queues, recording confirmed ids, until a send fails. */
    private static Thread streamInBackground(RowMQClient client, Set<String> confirmed) {
        Thread thread = new Thread(() -> {
            CountDownLatch failed = new CountDownLatch(1);
            Semaphore window = new Semaphore(4);
            for (long batch = 0; failed.getCount() > 0; batch++) {
                window.acquireUninterruptibly();
                long first = batch * BATCH;
                try {
                    client.produce(TOPIC, (int) (batch % 2), 0, 0, IdRecords.records("stream", first, BATCH))
                            .whenComplete((ProduceResult result, Throwable error) -> {
                                if (error == null) {
                                    confirmed.addAll(IdRecords.ids("stream", first, BATCH));
                                } else {
                                    failed.countDown();
                                }
                                window.release();
                            });
                } catch (RuntimeException e) {
                    failed.countDown();
                }
            }
        }, "crash-it-streamer");
        thread.start();
        return thread;
    }

    private static void awaitConfirmed(Set<String> confirmed, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (confirmed.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(confirmed.size()).as("messages confirmed before the kill").isGreaterThanOrEqualTo(count);
    }

    /** Restarts the broker on the same database and port; receives until {@code expected} distinct messages came. */
    private static Map<String, Integer> receiveAfterRestart(int port, int expected, Set<String> acked) throws Exception {
        Map<String, Integer> deliveryCounts = new HashMap<>();
        try (BrokerProcess broker = BrokerProcess.start("crash-it-2", brokerArgs(port));
             RowMQClient client = connect(port)) {
            long consumerId = client.subscribe(TOPIC, GROUP, GroupKind.QUEUE, null, false).get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            int quietFetches = 0;
            while (System.nanoTime() < deadline && (deliveryCounts.size() < expected || quietFetches < 1)) {
                List<Delivery> batch = client.fetch(consumerId, 500, 1_000).get(30, TimeUnit.SECONDS);
                quietFetches = batch.isEmpty() ? quietFetches + 1 : 0;
                for (Delivery delivery : batch) {
                    deliveryCounts.merge(IdRecords.idOf(delivery), delivery.deliveryCount(), Math::max);
                }
                List<MessageRef> refs = batch.stream().map(Delivery::ref).toList();
                if (!refs.isEmpty()) {
                    client.ack(consumerId, refs).get(30, TimeUnit.SECONDS);
                }
            }
            assertThat(broker.terminate()).as("exit code after SIGTERM").isIn(0, 143);
            assertThat(broker.tail()).as("shutdown steps in the broker log")
                    .contains("Closing the storage engine").contains("Broker crash-it stopped");
        }
        return deliveryCounts;
    }
}
