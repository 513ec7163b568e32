package io.rowmq.broker.engine;

import io.rowmq.broker.MySqlBrokerEngine;
import io.rowmq.broker.Subscription;
import io.rowmq.broker.testing.EngineFixture;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.MessageRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static io.rowmq.broker.testing.TestRecords.messageId;
import static io.rowmq.broker.testing.TestRecords.recordWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Message selectors evaluated by the broker (decision D14), on a real engine and database. */
@Timeout(120)
class SelectorIT {
    private EngineFixture fixture;
    private MySqlBrokerEngine engine;

    @BeforeEach
    void start() {
        fixture = new EngineFixture();
        engine = fixture.start();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private long subscribe(String topic, String group, GroupKind kind, String selector) {
        return engine.subscribe(topic, group, kind, selector, false).join().consumerId();
    }

    private void send(String topic, int queue, String id, Object... properties) {
        engine.append(topic, queue, 0, 0, List.of(recordWith(id, 4, properties))).join();
    }

    /** Fetches until {@code expected} messages arrived or 10 s passed, acknowledging each batch. */
    private List<Delivery> receive(long consumer, int expected) {
        List<Delivery> got = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 10_000;
        while (got.size() < expected && System.currentTimeMillis() < deadline) {
            List<Delivery> batch = engine.fetch(consumer, expected - got.size(), 0).join();
            if (batch.isEmpty()) {
                sleep(20);
                continue;
            }
            engine.ack(consumer, batch.stream().map(Delivery::ref).toList()).join();
            got.addAll(batch);
        }
        return got;
    }

    /** A long poll that stays unanswered while the broker works, then ends empty when its wait (test clock) ends. */
    private void assertNothingFor(long consumer) {
        CompletableFuture<List<Delivery>> waiting = engine.fetch(consumer, 10, 1_000);
        sleep(300);
        assertThat(waiting).as("nothing for consumer %d", consumer).isNotDone();
        fixture.clock.advance(1_001);
        assertThat(waiting.join()).isEmpty();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> ids(List<Delivery> deliveries) {
        return deliveries.stream().map(d -> messageId(d.record())).toList();
    }

    @Test
    void competingConsumersWithComplementarySelectorsEachGetExactlyTheirMessages() throws Exception {
        engine.createTopic("orders", 2, 0).join();
        long red = subscribe("orders", "workers", GroupKind.QUEUE, "color = 'red'");
        long other = subscribe("orders", "workers", GroupKind.QUEUE, "color <> 'red' OR color IS NULL");
        List<String> reds = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String color = i % 3 == 0 ? "red" : i % 3 == 1 ? "blue" : null;
            String id = color + "-" + i;
            send("orders", i % 2, id, "color", color, "n", i);
            ("red".equals(color) ? reds : others).add(id);
        }

        List<Delivery> gotRed = receive(red, reds.size());
        List<Delivery> gotOther = receive(other, others.size());

        assertThat(ids(gotRed)).containsExactlyInAnyOrderElementsOf(reds);
        assertThat(ids(gotOther)).containsExactlyInAnyOrderElementsOf(others);
        assertThat(gotRed).allSatisfy(d -> assertThat(d.deliveryCount()).isEqualTo(1));
        assertThat(gotOther).allSatisfy(d -> assertThat(d.deliveryCount()).isEqualTo(1));
        assertNothingFor(red);
        assertNothingFor(other);
        awaitCommitted("workers", 20L, 20L); // everything settled, nothing skipped
    }

    @Test
    void aMessageNoConsumerMatchesStaysUntilAMatchingConsumerAttaches() throws Exception {
        engine.createTopic("jobs", 1, 0).join();
        long red = subscribe("jobs", "q", GroupKind.QUEUE, "color = 'red'");
        send("jobs", 0, "green-1", "color", "green");
        send("jobs", 0, "red-2", "color", "red");
        send("jobs", 0, "green-3", "color", "green");

        assertThat(ids(receive(red, 1))).containsExactly("red-2");
        assertNothingFor(red);
        awaitCommitted("q", 3L);
        assertThat(skippedOffsets()).as("which have rows of their own").containsExactly(1L, 3L);
        engine.closeConsumer(red).join();

        long green = subscribe("jobs", "q", GroupKind.QUEUE, "color = 'green'");
        List<Delivery> got = receive(green, 2);
        assertThat(ids(got)).containsExactly("green-1", "green-3");
        assertThat(got).allSatisfy(d -> assertThat(d.deliveryCount()).as("never redelivered-flagged").isEqualTo(1));
        assertThat(committedOffsets("q")).containsExactly(3L);
        assertThat(skippedOffsets()).as("settled: their rows are gone").isEmpty();
    }

    @Test
    void waitingMessagesSurviveARestartAndAreNotCountedAsAttempts() throws Exception {
        engine.createTopic("jobs", 1, 0).join();
        long red = subscribe("jobs", "q", GroupKind.QUEUE, "color = 'red'");
        send("jobs", 0, "green-1", "color", "green");
        send("jobs", 0, "red-2", "color", "red");
        assertThat(ids(receive(red, 1))).containsExactly("red-2");
        assertThat(committedOffsets("q")).as("past the waiting green message").containsExactly(2L);
        engine.close();

        engine = fixture.start();
        long any = subscribe("jobs", "q", GroupKind.QUEUE, null);
        List<Delivery> got = receive(any, 1);
        assertThat(ids(got)).containsExactly("green-1");
        assertThat(got.get(0).deliveryCount()).isEqualTo(1);
        assertNothingFor(any);
    }

    @Test
    void aMessageReleasedByOneConsumerIsNotGivenToAConsumerItDoesNotMatch() {
        engine.createTopic("jobs", 1, 0).join();
        long red = subscribe("jobs", "q", GroupKind.QUEUE, "color = 'red'");
        send("jobs", 0, "red-1", "color", "red");
        List<Delivery> first = engine.fetch(red, 10, 0).join();
        assertThat(ids(first)).containsExactly("red-1");
        long blue = subscribe("jobs", "q", GroupKind.QUEUE, "color = 'blue'");
        engine.release(red, List.of(first.get(0).ref()), "rolled back", true).join();

        assertNothingFor(blue);
        List<Delivery> again = engine.fetch(red, 10, 0).join();
        assertThat(ids(again)).containsExactly("red-1");
        assertThat(again.get(0).deliveryCount()).isEqualTo(2);
    }

    @Test
    void aConsumerWithoutSelectorTakesWhatOthersRejectedInOffsetOrder() {
        engine.createTopic("jobs", 1, 0).join();
        long red = subscribe("jobs", "q", GroupKind.QUEUE, "color = 'red'");
        long any = subscribe("jobs", "q", GroupKind.QUEUE, null);
        for (int i = 0; i < 6; i++) {
            send("jobs", 0, "m" + i, "color", i == 4 ? "red" : "blue");
        }
        assertThat(ids(receive(red, 1))).containsExactly("m4");
        assertThat(ids(receive(any, 5))).containsExactly("m0", "m1", "m2", "m3", "m5");
    }

    @Test
    void anInvalidSelectorIsRejectedWithWhereItIsWrong() {
        engine.createTopic("orders", 1, 0).join();
        for (GroupKind kind : GroupKind.values()) {
            assertThatThrownBy(() -> engine.subscribe("orders", "g-" + kind, kind, "color = 'red' AND", false).join())
                    .isInstanceOf(CompletionException.class).cause().isInstanceOf(BrokerError.class)
                    .satisfies(e -> {
                        assertThat(((BrokerError) e).code()).isEqualTo(ErrorCode.INVALID_SELECTOR);
                        assertThat(e.getMessage()).contains("at character 18").contains("orders");
                    });
        }
    }

    @Test
    void aDurableSubscriptionSettlesWhatItsSelectorRejects() throws Exception {
        engine.createTopic("events", 1, 0).join();
        long consumer = subscribe("events", "audit", GroupKind.DURABLE, "severity >= 3");
        for (int i = 0; i < 10; i++) {
            send("events", 0, "e" + i, "severity", i % 5);
        }
        List<Delivery> got = receive(consumer, 4);
        assertThat(ids(got)).containsExactly("e3", "e4", "e8", "e9");
        assertNothingFor(consumer);
        assertThat(committedOffsets("audit")).containsExactly(10L);
        assertThat(storedSelector("audit")).isEqualTo("severity >= 3");
    }

    @Test
    void settledOffsetsAreSavedWithoutAnyAck() throws Exception {
        engine.createTopic("events", 1, 0).join();
        long consumer = subscribe("events", "audit", GroupKind.DURABLE, "severity >= 3");
        send("events", 0, "e0", "severity", 1);
        send("events", 0, "e1", "severity", 2);
        assertNothingFor(consumer);
        fixture.clock.advance(2_000);
        long deadline = System.currentTimeMillis() + 10_000;
        while (committedOffsets("audit").get(0) < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(committedOffsets("audit")).containsExactly(2L);
    }

    @Test
    void aDurableSubscriptionWhoseSelectorChangesStartsAnewAtTheEnd() throws Exception {
        engine.createTopic("events", 1, 0).join();
        Subscription first = engine.subscribe("events", "audit", GroupKind.DURABLE, "severity >= 3", false).join();
        assertThatThrownBy(() -> engine.subscribe("events", "audit", GroupKind.DURABLE, "severity >= 1", false).join())
                .cause().isInstanceOf(BrokerError.class)
                .satisfies(e -> assertThat(((BrokerError) e).code()).isEqualTo(ErrorCode.SUBSCRIPTION_IN_USE));
        Subscription same = engine.subscribe("events", "audit", GroupKind.DURABLE, "severity >= 3", false).join();
        assertThat(same.groupId()).isEqualTo(first.groupId());
        engine.closeConsumer(same.consumerId()).join();
        engine.closeConsumer(first.consumerId()).join();
        send("events", 0, "before-change", "severity", 5);

        Subscription changed = engine.subscribe("events", "audit", GroupKind.DURABLE, "severity >= 1", false).join();
        assertThat(changed.groupId()).isNotEqualTo(first.groupId());
        assertThat(storedSelector("audit")).isEqualTo("severity >= 1");
        send("events", 0, "low", "severity", 1);
        send("events", 0, "none", "severity", 0);
        assertThat(ids(receive(changed.consumerId(), 1))).containsExactly("low");
        assertNothingFor(changed.consumerId());
        engine.closeConsumer(changed.consumerId()).join();

        Subscription unfiltered = engine.subscribe("events", "audit", GroupKind.DURABLE, null, false).join();
        assertThat(unfiltered.groupId()).isNotEqualTo(changed.groupId());
        assertThat(storedSelector("audit")).isNull();
        send("events", 0, "after", "severity", 0);
        assertThat(ids(receive(unfiltered.consumerId(), 1))).containsExactly("after");
    }

    @Test
    void aSharedSubscriptionCannotBeJoinedWithAnotherSelector() {
        engine.createTopic("events", 1, 0).join();
        long member = subscribe("events", "shared", GroupKind.SHARED, "severity > 2");
        assertThatThrownBy(() -> subscribe("events", "shared", GroupKind.SHARED, null))
                .cause().isInstanceOf(BrokerError.class)
                .satisfies(e -> assertThat(((BrokerError) e).code()).isEqualTo(ErrorCode.SUBSCRIPTION_IN_USE));
        long second = subscribe("events", "shared", GroupKind.SHARED, "severity > 2");
        send("events", 0, "low", "severity", 1);
        send("events", 0, "high", "severity", 3);
        List<Delivery> got = receive(member, 1);
        assertThat(ids(got)).containsExactly("high");
        assertNothingFor(second);
    }

    @Test
    void anEphemeralSubscriptionWithAHeaderSelector() {
        engine.createTopic("prices", 2, 0).join();
        long consumer = subscribe("prices", null, GroupKind.EPHEMERAL, "JMSPriority > 5 AND JMSDeliveryMode = 'PERSISTENT'");
        int[] priorities = {4, 7, 0, 9, 6, 5};
        for (int i = 0; i < priorities.length; i++) {
            engine.append("prices", i % 2, 0, 0, List.of(recordWith("p" + priorities[i], priorities[i]))).join();
        }
        assertThat(ids(receive(consumer, 3))).containsExactlyInAnyOrder("p7", "p9", "p6");
        assertNothingFor(consumer);
    }

    @Test
    void aDelayedMessageIsFilteredWhenItFallsDue() {
        engine.createTopic("later", 1, 0).join();
        long consumer = subscribe("later", "sub", GroupKind.DURABLE, "kind = 'wanted'");
        long due = fixture.clock.millis() + 60_000;
        engine.append("later", 0, 0, 0, List.of(io.rowmq.protocol.MessageRecord.builder().messageId("unwanted")
                .deliverAt(due).property("kind", "other").build().encode())).join();
        engine.append("later", 0, 0, 0, List.of(io.rowmq.protocol.MessageRecord.builder().messageId("wanted")
                .deliverAt(due).property("kind", "wanted").build().encode())).join();
        assertNothingFor(consumer);
        fixture.clock.advance(61_000);
        List<Delivery> got = receive(consumer, 2);
        assertThat(ids(got)).containsExactly("wanted");
        assertThat(got.get(0).deliveryCount()).isEqualTo(1);
    }

    @Test
    void manyRejectedMessagesAreScannedAcrossFetchesAndNoneIsLost() {
        engine.createTopic("bulk", 1, 0).join();
        long rare = subscribe("bulk", "q", GroupKind.QUEUE, "n = 4999");
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            records.add(recordWith("m" + i, 4, "n", i));
        }
        for (int i = 0; i < records.size(); i += 500) {
            engine.append("bulk", 0, 0, 0, records.subList(i, i + 500)).join();
        }
        assertThat(ids(receive(rare, 1))).containsExactly("m4999");
        long all = subscribe("bulk", "q", GroupKind.QUEUE, null);
        List<Delivery> rest = receive(all, 4999);
        assertThat(rest).hasSize(4999);
        assertThat(ids(rest).get(0)).isEqualTo("m0");
        assertThat(rest).allSatisfy(d -> assertThat(d.deliveryCount()).isEqualTo(1));
    }

    /** The idle offset save runs on the dispatcher's tick, just after the long poll it ends: wait for it. */
    private void awaitCommitted(String group, Long... expected) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!committedOffsets(group).equals(List.of(expected)) && System.currentTimeMillis() < deadline) {
            sleep(50);
        }
        assertThat(committedOffsets(group)).containsExactly(expected);
    }

    private List<Long> committedOffsets(String group) throws Exception {
        List<Long> offsets = new ArrayList<>();
        try (Connection connection = fixture.database().connect();
             ResultSet rows = connection.createStatement().executeQuery("SELECT o.committed_offset FROM consumer_offset o"
                     + " JOIN consumer_group g ON g.id = o.group_id JOIN topic_queue q ON q.id = o.queue_id"
                     + " WHERE g.name = '" + group + "' ORDER BY q.queue_index")) {
            while (rows.next()) {
                offsets.add(rows.getLong(1));
            }
        }
        return offsets;
    }

    private List<Long> skippedOffsets() throws Exception {
        List<Long> offsets = new ArrayList<>();
        try (Connection connection = fixture.database().connect();
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT msg_offset FROM skipped_message ORDER BY msg_offset")) {
            while (rows.next()) {
                offsets.add(rows.getLong(1));
            }
        }
        return offsets;
    }

    private String storedSelector(String group) throws Exception {
        try (Connection connection = fixture.database().connect();
             ResultSet row = connection.createStatement().executeQuery(
                     "SELECT selector FROM consumer_group WHERE name = '" + group + "'")) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }
}
