package io.rowmq.broker.engine;

import io.rowmq.broker.AppendResult;
import io.rowmq.broker.EngineSettings;
import io.rowmq.broker.MySqlBrokerEngine;
import io.rowmq.broker.testing.EngineFixture;
import io.rowmq.protocol.BrowseCursor;
import io.rowmq.protocol.BrowsePage;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.GroupKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.rowmq.broker.testing.TestRecords.messageId;
import static io.rowmq.broker.testing.TestRecords.record;
import static io.rowmq.broker.testing.TestRecords.records;
import static org.assertj.core.api.Assertions.assertThat;

/** What survives a broker's restart: temporary topics do not, a group's browse position does. */
@Timeout(120)
class EngineJmsSupportIT {
    private EngineFixture fixture;

    @BeforeEach
    void start() {
        fixture = new EngineFixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private List<String> topics() throws Exception {
        try (Connection connection = fixture.database().connect();
             ResultSet rows = connection.createStatement().executeQuery("SELECT name FROM topic ORDER BY name")) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }

    @Test
    void aRestartedBrokerDeletesTheTemporaryTopicsItsCrashedRunLeftAndAStoppingOneItsOwn() throws Exception {
        MySqlBrokerEngine crashed = fixture.start();
        crashed.createTopic("ordinary", 1, 0).join();
        crashed.createTemporaryTopic("tmp.crashed", 1, 7).join();
        MySqlBrokerEngine other = fixture.start(new EngineSettings("other-broker", 1, 3, 30_000, 3_000, true,
                fixture.clock));
        other.createTemporaryTopic("tmp.other", 1, 3).join();
        assertThat(topics()).containsExactly("ordinary", "tmp.crashed", "tmp.other");

        fixture.start(); // the same broker id again, as after a crash: the first engine is never closed

        assertThat(topics()).as("the restarted broker's temporary topics are gone, another broker's stay")
                .containsExactly("ordinary", "tmp.other");
        other.close();
        assertThat(topics()).as("a stopping broker deletes its own").containsExactly("ordinary");
    }

    @Test
    void aGroupNotServedByThisBrokerIsBrowsedFromItsCommittedOffsetWithItsAttempts() throws Exception {
        MySqlBrokerEngine first = fixture.start();
        first.createTopic("jobs", 1, 0).join();
        first.append("jobs", 0, 0, 0, records("m", 5)).join();
        long consumer = first.subscribe("jobs", "jobs", GroupKind.QUEUE, null, false).join().consumerId();
        List<Delivery> taken = first.fetch(consumer, 3, 0).join();
        first.ack(consumer, List.of(taken.get(0).ref(), taken.get(1).ref())).join();
        first.closeConsumer(consumer).join(); // m2 goes back with one failed attempt
        first.close();

        MySqlBrokerEngine second = fixture.start();
        BrowsePage page = second.browse("jobs", "jobs", BrowseCursor.START, 10).join();

        assertThat(page.deliveries()).extracting(d -> messageId(d.record())).containsExactly("m2", "m3", "m4");
        assertThat(page.deliveries()).extracting(Delivery::deliveryCount).containsExactly(2, 1, 1);
        assertThat(page.exhausted()).isTrue();
        long again = second.subscribe("jobs", "jobs", GroupKind.QUEUE, null, false).join().consumerId();
        assertThat(second.fetch(again, 10, 0).join()).extracting(d -> messageId(d.record()))
                .containsExactly("m2", "m3", "m4");
    }

    @Test
    void pipelinedIdempotentSendsToATopicAndQueueNewToThisBrokerAreStoredInSendOrder() throws Exception {
        MySqlBrokerEngine creator = fixture.start();
        creator.createTopic("pipelined", 4, 0).join();
        MySqlBrokerEngine fresh = fixture.start(new EngineSettings("fresh-broker", 1, 3, 30_000, 3_000, true,
                fixture.clock));
        List<CompletableFuture<AppendResult>> sends = new ArrayList<>();
        for (int n = 0; n < 200; n++) {
            sends.add(fresh.append("pipelined", -1, 77, n, List.of(record("p" + n))));
        }
        List<Integer> queues = new ArrayList<>();
        for (CompletableFuture<AppendResult> send : sends) {
            AppendResult stored = send.join();
            assertThat(stored.duplicate()).as("a send stored as a duplicate").isFalse();
            queues.add(stored.queueIndex());
        }
        assertThat(queues).containsOnly(queues.get(0));
        long consumer = fresh.subscribe("pipelined", "pipelined", GroupKind.QUEUE, null, false).join().consumerId();
        List<String> received = new ArrayList<>();
        while (received.size() < 200) {
            List<Delivery> batch = fresh.fetch(consumer, 200, 0).join();
            assertThat(batch).as("after %d messages", received.size()).isNotEmpty();
            batch.forEach(d -> received.add(messageId(d.record())));
        }
        List<String> sent = new ArrayList<>();
        for (int n = 0; n < 200; n++) {
            sent.add("p" + n);
        }
        assertThat(received).containsExactlyElementsOf(sent);
    }
}
