package io.rowmq.broker;

import io.rowmq.jms.provider.ClientOptions;
import io.rowmq.jms.provider.RowMQClient;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.ProduceResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The database goes away under load and comes back on the same folder and port: sends fail
 * fast with a retriable error while it is down, succeed again without restarting the broker
 * once it is back, and every confirmed message is delivered.
 */
@Timeout(300)
class DatabaseOutageIT {
    private static final String TOPIC = "outage";
    private static final long STORE_TIMEOUT_MS = 2_000;
    private static final long MARGIN_MS = 5_000;
    private static final Set<ErrorCode> OUTAGE_ERRORS = Set.of(ErrorCode.STORE_UNAVAILABLE, ErrorCode.STORE_TIMEOUT);

    @TempDir
    Path folder;

    @Test
    void sendsFailFastWhileTheDatabaseIsDownAndRecoverWithoutRestart() throws Exception {
        int dbPort = BrokerProcess.freePort();
        EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start(folder, dbPort);
        mariaDb.createDatabase("rowmq");
        BrokerConfig config = BrokerConfig.forJdbc(0, mariaDb.jdbcUrl("rowmq"), "root", "")
                .withStoreTimeoutMs(STORE_TIMEOUT_MS);
        Set<String> confirmed = ConcurrentHashMap.newKeySet();
        List<OutageProducer> producers = new ArrayList<>();
        try (Broker broker = Broker.start(config);
             RowMQClient client = RowMQClient.connect("127.0.0.1", broker.port(), ClientOptions.defaults())) {
            client.createTopic(TOPIC, 2, 0).get(30, TimeUnit.SECONDS);
            for (int i = 1; i <= 2; i++) {
                producers.add(OutageProducer.start(client, TOPIC, "p" + i, i, confirmed));
            }
            awaitProgress(producers, 50);

            mariaDb.close();
            assertSendFailsFast(client);

            mariaDb = EmbeddedMariaDb.start(folder, dbPort);
            awaitSendSucceeds(client, confirmed);
            awaitProgress(producers, 50);
            for (OutageProducer producer : producers) {
                producer.stop();
                assertThat(producer.fatal()).as("non-retriable failure of producer %s", producer).isNull();
                assertThat(producer.errors()).as("errors seen by producer %s", producer).isSubsetOf(OUTAGE_ERRORS);
            }
            assertAllDelivered(client, confirmed);
        } finally {
            producers.forEach(OutageProducer::stop);
            stopQuietly(mariaDb);
        }
    }

    private static void stopQuietly(EmbeddedMariaDb mariaDb) {
        try {
            mariaDb.close();
        } catch (RuntimeException e) {
            System.err.println("Stopping the test's MariaDB failed (it may have been stopped already): " + e);
        }
    }

    private static void assertSendFailsFast(RowMQClient client) throws Exception {
        long start = System.nanoTime();
        try {
            ProduceResult result = client.produce(TOPIC, -1, 0, 0, List.of(IdRecords.record("probe-down")))
                    .get(STORE_TIMEOUT_MS + MARGIN_MS + 30_000, TimeUnit.MILLISECONDS);
            fail("A send succeeded with the database stopped: " + result);
        } catch (ExecutionException e) {
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(e.getCause()).as("failure of a send while the database is down")
                    .isInstanceOf(BrokerError.class);
            BrokerError error = (BrokerError) e.getCause();
            assertThat(error.code()).as("error code, message: %s", error.getMessage()).isIn(OUTAGE_ERRORS);
            assertThat(error.retriable()).isTrue();
            assertThat(elapsedMs).as("ms until the send failed (store timeout %d ms)", STORE_TIMEOUT_MS)
                    .isLessThanOrEqualTo(STORE_TIMEOUT_MS + MARGIN_MS);
        }
    }

    private static void awaitSendSucceeds(RowMQClient client, Set<String> confirmed) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        Throwable last = null;
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            String id = "probe-up-" + attempt;
            try {
                client.produce(TOPIC, -1, 0, 0, List.of(IdRecords.record(id))).get(30, TimeUnit.SECONDS);
                confirmed.add(id);
                return;
            } catch (ExecutionException e) {
                last = e.getCause();
                assertThat(last).isInstanceOf(BrokerError.class);
                assertThat(((BrokerError) last).retriable()).as("retriable: %s", last).isTrue();
                Thread.sleep(250);
            }
        }
        fail("Sends still fail 90 s after the database came back; last error: " + last);
    }

    /** Waits until each producer has confirmed {@code count} more messages than it has now. */
    private static void awaitProgress(List<OutageProducer> producers, int count) throws InterruptedException {
        int[] targets = producers.stream().mapToInt(p -> p.confirmedCount() + count).toArray();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (int i = 0; i < producers.size(); i++) {
            OutageProducer producer = producers.get(i);
            while (System.nanoTime() < deadline && producer.confirmedCount() < targets[i] && producer.fatal() == null) {
                Thread.sleep(20);
            }
            assertThat(producer.fatal()).as("non-retriable failure of producer %s", producer).isNull();
            assertThat(producer.confirmedCount()).as("messages confirmed by %s", producer)
                    .isGreaterThanOrEqualTo(targets[i]);
        }
    }

    private static void assertAllDelivered(RowMQClient client, Set<String> confirmed) throws Exception {
        long consumerId = client.subscribe(TOPIC, "outage-readers", GroupKind.QUEUE, null, false)
                .get(30, TimeUnit.SECONDS);
        Set<String> missing = new HashSet<>(confirmed);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            List<Delivery> batch = client.fetch(consumerId, 500, 1_000).get(30, TimeUnit.SECONDS);
            batch.forEach(delivery -> missing.remove(IdRecords.idOf(delivery)));
            if (!batch.isEmpty()) {
                client.ack(consumerId, batch.stream().map(Delivery::ref).toList()).get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(missing).as("confirmed messages (of %d) never delivered", confirmed.size()).isEmpty();
    }

    /** A producer that sends batches of 5 in a loop and retries a batch with the same sequence on a retriable error. */
    private static final class OutageProducer implements Runnable {
        private final RowMQClient client;
        private final String topic;
        private final String prefix;
        private final long producerId;
        private final Set<String> confirmed;
        private final List<ErrorCode> errors = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;
        private volatile int confirmedCount;
        private volatile Throwable fatal;

        private OutageProducer(RowMQClient client, String topic, String prefix, long producerId, Set<String> confirmed) {
            this.client = client;
            this.topic = topic;
            this.prefix = prefix;
            this.producerId = producerId;
            this.confirmed = confirmed;
            this.thread = new Thread(this, "outage-producer-" + prefix);
        }

        static OutageProducer start(RowMQClient client, String topic, String prefix, long producerId,
                                    Set<String> confirmed) {
            OutageProducer producer = new OutageProducer(client, topic, prefix, producerId, confirmed);
            producer.thread.start();
            return producer;
        }

        @Override
        public void run() {
            int queue = -1;
            long sequence = 0;
            while (running) {
                try {
                    ProduceResult result = client.produce(topic, queue, producerId, sequence,
                            IdRecords.records(prefix, sequence, 5)).get(60, TimeUnit.SECONDS);
                    queue = result.queueIndex();
                    confirmed.addAll(IdRecords.ids(prefix, sequence, 5));
                    sequence += 5;
                    confirmedCount += 5;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof BrokerError error) || !error.retriable()) {
                        fatal = e.getCause();
                        return;
                    }
                    errors.add(error.code());
                    queue = error.code() == ErrorCode.NOT_QUEUE_OWNER ? -1 : queue;
                    pause();
                } catch (Exception e) {
                    fatal = e;
                    return;
                }
            }
        }

        private static void pause() {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        int confirmedCount() {
            return confirmedCount;
        }

        Throwable fatal() {
            return fatal;
        }

        List<ErrorCode> errors() {
            return errors;
        }

        void stop() {
            running = false;
            try {
                thread.join(70_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public String toString() {
            return prefix + " (producer id " + producerId + ")";
        }
    }
}
