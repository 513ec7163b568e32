package io.rowmq.broker.engine;

import io.rowmq.broker.AppendResult;
import io.rowmq.broker.MySqlBrokerEngine;
import io.rowmq.broker.Subscription;
import io.rowmq.broker.testing.EngineFixture;
import io.rowmq.protocol.BodyType;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.MessageRecord;
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

import static io.rowmq.broker.testing.TestRecords.bytesRecord;
import static io.rowmq.broker.testing.TestRecords.messageId;
import static io.rowmq.broker.testing.TestRecords.record;
import static io.rowmq.broker.testing.TestRecords.records;
import static io.rowmq.broker.testing.TestRecords.sizedRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(120)
class EngineDeliveryIT {
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

    @Test
    void sendFetchAckRoundTripInOffsetOrder() throws Exception {
        engine.createTopic("orders", 1, 0).join();
        AppendResult sent = engine.append("orders", 0, 0, 0, records("m", 5)).join();
        assertThat(sent.duplicate()).isFalse();
        assertThat(sent.offsets()).hasSize(5).isSorted();

        long consumer = engine.subscribe("orders", "billing", GroupKind.QUEUE, null, false).join().consumerId();
        List<Delivery> got = engine.fetch(consumer, 10, 0).join();
        assertThat(got).extracting(d -> messageId(d.record())).containsExactly("m0", "m1", "m2", "m3", "m4");
        assertThat(got).allSatisfy(d -> assertThat(d.deliveryCount()).isEqualTo(1));
        engine.ack(consumer, got.stream().map(Delivery::ref).toList()).join();

        assertThat(committedOffset("billing")).isEqualTo(sent.offsets()[4]);
        long second = engine.subscribe("orders", "billing", GroupKind.QUEUE, null, false).join().consumerId();
        assertThat(engine.fetch(second, 10, 0).join()).isEmpty();
    }

    @Test
    void aFetchCarriesAtMostFourMebibytesOfPayloadAndTheRestComesNext() {
        engine.createTopic("large", 1, 0).join();
        for (int i = 0; i < 6; i++) {
            engine.append("large", 0, 0, 0, List.of(sizedRecord("big" + i, 1 << 20))).join();
        }
        long consumer = engine.subscribe("large", "g", GroupKind.QUEUE, null, false).join().consumerId();
        List<Delivery> first = engine.fetch(consumer, 100, 0).join();
        assertThat(first).extracting(d -> messageId(d.record())).containsExactly("big0", "big1", "big2", "big3");
        assertThat(engine.fetch(consumer, 100, 0).join()).extracting(d -> messageId(d.record()))
                .containsExactly("big4", "big5");
    }

    @Test
    void aFetchFromTheTableStopsReadingAtFourMebibytesAndTheRestComesNext() {
        engine.createTopic("large-stored", 1, 0).join();
        for (int i = 0; i < 6; i++) {
            engine.append("large-stored", 0, 0, 0, List.of(sizedRecord("big" + i, 1 << 20))).join();
        }
        engine.close();
        engine = fixture.start(); // an empty tail: the rows come from the table, streamed

        long consumer = engine.subscribe("large-stored", "g", GroupKind.QUEUE, null, false).join().consumerId();
        assertThat(engine.fetch(consumer, 1000, 0).join()).extracting(d -> messageId(d.record()))
                .containsExactly("big0", "big1", "big2", "big3");
        assertThat(engine.fetch(consumer, 1000, 0).join()).extracting(d -> messageId(d.record()))
                .containsExactly("big4", "big5");
    }

    @Test
    void aRetriedSendWithTheSameProducerSequenceIsStoredOnce() throws Exception {
        engine.createTopic("idem", 1, 0).join();
        AppendResult first = engine.append("idem", 0, 42, 100, records("a", 3)).join();
        AppendResult retry = engine.append("idem", 0, 42, 100, records("a", 3)).join();
        AppendResult next = engine.append("idem", 0, 42, 103, records("b", 1)).join();
        assertThat(first.duplicate()).isFalse();
        assertThat(retry.duplicate()).isTrue();
        assertThat(next.duplicate()).isFalse();
        assertThat(rowCount("idem")).isEqualTo(4);
    }

    @Test
    void aRetryThatOverlapsWhatWasStoredIsRejectedNotHalfStored() throws Exception {
        engine.createTopic("overlap", 1, 0).join();
        engine.append("overlap", 0, 9, 0, records("a", 3)).join();
        assertThatThrownBy(() -> engine.append("overlap", 0, 9, 2, records("b", 2)).join())
                .isInstanceOf(CompletionException.class).cause()
                .isInstanceOfSatisfying(BrokerError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("sent sequences 2..3 but 2 is already stored");
        assertThat(rowCount("overlap")).isEqualTo(3);
    }

    @Test
    void queueGroupsStartAtTheBeginningDurableGroupsAtTheEnd() {
        engine.createTopic("starts", 1, 0).join();
        engine.append("starts", 0, 0, 0, records("old", 2)).join();
        long queue = engine.subscribe("starts", "q", GroupKind.QUEUE, null, false).join().consumerId();
        long durable = engine.subscribe("starts", "d", GroupKind.DURABLE, null, false).join().consumerId();
        engine.append("starts", 0, 0, 0, records("new", 1)).join();

        assertThat(engine.fetch(queue, 10, 0).join()).extracting(d -> messageId(d.record()))
                .containsExactly("old0", "old1", "new0");
        assertThat(engine.fetch(durable, 10, 0).join()).extracting(d -> messageId(d.record())).containsExactly("new0");
    }

    @Test
    void competingConsumersOfOneGroupNeverGetTheSameMessage() {
        engine.createTopic("compete", 2, 0).join();
        engine.append("compete", -1, 0, 0, records("x", 20)).join();
        engine.append("compete", -1, 0, 0, records("y", 20)).join();
        long a = engine.subscribe("compete", "g", GroupKind.QUEUE, null, false).join().consumerId();
        long b = engine.subscribe("compete", "g", GroupKind.QUEUE, null, false).join().consumerId();
        List<Delivery> toA = engine.fetch(a, 15, 0).join();
        List<Delivery> toB = engine.fetch(b, 100, 0).join();
        assertThat(toA).hasSize(15);
        assertThat(toB).hasSize(25);
        assertThat(toA).extracting(Delivery::ref).doesNotContainAnyElementsOf(toB.stream().map(Delivery::ref).toList());
    }

    @Test
    void aLongPollIsAnsweredAsSoonAsAMessageIsCommitted() {
        engine.createTopic("poll", 1, 0).join();
        long consumer = engine.subscribe("poll", "g", GroupKind.QUEUE, null, false).join().consumerId();
        CompletableFuture<List<Delivery>> waiting = engine.fetch(consumer, 10, 60_000);
        assertThat(waiting).isNotDone();
        engine.append("poll", 0, 0, 0, List.of(record("late"))).join();
        assertThat(waiting.join()).extracting(d -> messageId(d.record())).containsExactly("late");
    }

    @Test
    void aLongPollWithNothingToDeliverEndsEmptyAfterItsWait() {
        engine.createTopic("empty", 1, 0).join();
        long consumer = engine.subscribe("empty", "g", GroupKind.QUEUE, null, false).join().consumerId();
        CompletableFuture<List<Delivery>> waiting = engine.fetch(consumer, 10, 200);
        while (!waiting.isDone()) {
            fixture.clock.advance(100);
            pause(20);
        }
        assertThat(waiting.join()).isEmpty();
    }

    @Test
    void releasedMessagesComeBackWithTheirCountAndAreParkedAfterThreeAttempts() throws Exception {
        engine.createTopic("poison", 1, 0).join();
        engine.append("poison", 0, 0, 0, List.of(record("bad"), record("good"))).join();
        long consumer = engine.subscribe("poison", "g", GroupKind.QUEUE, null, false).join().consumerId();

        for (int attempt = 1; attempt <= 3; attempt++) {
            List<Delivery> got = engine.fetch(consumer, 1, 0).join();
            assertThat(got).hasSize(1);
            assertThat(messageId(got.get(0).record())).isEqualTo("bad");
            assertThat(got.get(0).deliveryCount()).isEqualTo(attempt);
            engine.release(consumer, List.of(got.get(0).ref()), "listener threw attempt " + attempt, true).join();
        }
        List<Delivery> rest = engine.fetch(consumer, 10, 0).join();
        assertThat(rest).extracting(d -> messageId(d.record())).containsExactly("good");
        engine.ack(consumer, List.of(rest.get(0).ref())).join();

        try (Connection connection = fixture.database().connect();
             ResultSet parked = connection.createStatement().executeQuery(
                     "SELECT message_id, attempts, reason, group_name FROM dead_letter")) {
            assertThat(parked.next()).isTrue();
            assertThat(parked.getString(1)).isEqualTo("bad");
            assertThat(parked.getInt(2)).isEqualTo(3);
            assertThat(parked.getString(3)).isEqualTo("listener threw attempt 3");
            assertThat(parked.getString(4)).isEqualTo("g");
            assertThat(parked.next()).isFalse();
        }
        assertThat(committedOffset("g")).isEqualTo(rest.get(0).offset());
    }

    @Test
    void aReleaseThatDoesNotCountKeepsTheDeliveryCount() {
        engine.createTopic("prefetch", 1, 0).join();
        engine.append("prefetch", 0, 0, 0, List.of(record("p"))).join();
        long consumer = engine.subscribe("prefetch", "g", GroupKind.QUEUE, null, false).join().consumerId();
        Delivery first = engine.fetch(consumer, 1, 0).join().get(0);
        engine.release(consumer, List.of(first.ref()), "never shown to the application", false).join();
        Delivery again = engine.fetch(consumer, 1, 0).join().get(0);
        assertThat(again.ref()).isEqualTo(first.ref());
        assertThat(again.deliveryCount()).isEqualTo(1);
    }

    @Test
    void whatAClosedConsumerHeldGoesToTheNextConsumerAsRedelivered() {
        engine.createTopic("handover", 1, 0).join();
        engine.append("handover", 0, 0, 0, records("h", 3)).join();
        long first = engine.subscribe("handover", "g", GroupKind.QUEUE, null, false).join().consumerId();
        List<Delivery> held = engine.fetch(first, 3, 0).join();
        engine.ack(first, List.of(held.get(0).ref())).join();
        engine.closeConsumer(first).join();

        long second = engine.subscribe("handover", "g", GroupKind.QUEUE, null, false).join().consumerId();
        List<Delivery> again = engine.fetch(second, 10, 0).join();
        assertThat(again).extracting(d -> messageId(d.record())).containsExactly("h1", "h2");
        assertThat(again).allSatisfy(d -> assertThat(d.redelivered()).isTrue());
    }

    @Test
    void anExpiredLeaseMakesTheMessagesAvailableAgain() {
        engine.close();
        engine = fixture.start(1000);
        engine.createTopic("lease", 1, 0).join();
        engine.append("lease", 0, 0, 0, records("l", 2)).join();
        long slow = engine.subscribe("lease", "g", GroupKind.QUEUE, null, false).join().consumerId();
        long other = engine.subscribe("lease", "g", GroupKind.QUEUE, null, false).join().consumerId();
        assertThat(engine.fetch(slow, 10, 0).join()).hasSize(2);
        assertThat(engine.fetch(other, 10, 0).join()).isEmpty();

        fixture.clock.advance(1500);
        CompletableFuture<List<Delivery>> retaken = engine.fetch(other, 10, 60_000);
        assertThat(retaken.join()).extracting(Delivery::deliveryCount).containsExactly(2, 2);
    }

    @Test
    void expiredMessagesAreSkippedAndDelayedOnesWaitForTheirTime() throws Exception {
        engine.createTopic("timing", 1, 0).join();
        long now = fixture.clock.millis();
        engine.append("timing", 0, 0, 0, List.of(record("expired", now - 1, 0), record("later", 0, now + 10_000),
                record("now", 0, 0))).join();
        long consumer = engine.subscribe("timing", "g", GroupKind.QUEUE, null, false).join().consumerId();
        assertThat(engine.fetch(consumer, 10, 0).join()).extracting(d -> messageId(d.record())).containsExactly("now");

        fixture.clock.advance(10_001);
        List<Delivery> later = engine.fetch(consumer, 10, 0).join();
        assertThat(later).extracting(d -> messageId(d.record())).containsExactly("later");
        engine.ack(consumer, List.of(later.get(0).ref())).join();
        try (Connection connection = fixture.database().connect();
             ResultSet row = connection.createStatement().executeQuery("SELECT expired_count FROM consumer_offset")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getLong(1)).as("the expired message is counted for the group").isEqualTo(1);
        }
    }

    @Test
    void ephemeralGroupsDisappearWithTheirConsumer() throws Exception {
        engine.createTopic("news", 1, 0).join();
        Subscription subscription = engine.subscribe("news", null, GroupKind.EPHEMERAL, null, false).join();
        assertThat(groupRows()).isEqualTo(1);
        engine.closeConsumer(subscription.consumerId()).join();
        assertThat(groupRows()).isZero();
    }

    @Test
    void nonDurableGroupsLeftByACrashedRunOfThisBrokerAreDeletedWhenItStarts() throws Exception {
        engine.createTopic("orphans", 1, 0).join();
        engine.subscribe("orphans", "kept", GroupKind.DURABLE, null, false).join();
        try (Connection connection = fixture.database().connect()) {
            for (String[] group : new String[][] {{"left", "test-broker"}, {"theirs", "another-broker"}}) {
                connection.createStatement().execute("INSERT INTO consumer_group (topic_id, name, kind, owner_broker)"
                        + " SELECT id, '" + group[0] + "', 'SHARED', '" + group[1] + "' FROM topic WHERE name = 'orphans'");
            }
        }
        fixture.start();
        try (Connection connection = fixture.database().connect();
             ResultSet rows = connection.createStatement().executeQuery("SELECT name FROM consumer_group ORDER BY name")) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            assertThat(names).containsExactly("kept", "theirs");
        }
    }

    @Test
    void unackedMessagesAreRedeliveredAfterARestartAndAckedOnesAreNot() {
        engine.createTopic("restart", 1, 0).join();
        engine.append("restart", 0, 0, 0, records("r", 4)).join();
        long consumer = engine.subscribe("restart", "g", GroupKind.QUEUE, null, false).join().consumerId();
        List<Delivery> got = engine.fetch(consumer, 4, 0).join();
        engine.ack(consumer, List.of(got.get(0).ref(), got.get(1).ref())).join();
        engine.close();

        MySqlBrokerEngine restarted = fixture.start();
        long again = restarted.subscribe("restart", "g", GroupKind.QUEUE, null, false).join().consumerId();
        List<Delivery> redelivered = restarted.fetch(again, 10, 0).join();
        assertThat(redelivered).extracting(d -> messageId(d.record())).containsExactly("r2", "r3");
        assertThat(redelivered).allSatisfy(d -> assertThat(d.redelivered()).isTrue());
        restarted.ack(again, redelivered.stream().map(Delivery::ref).toList()).join();
        restarted.append("restart", 0, 0, 0, records("after", 1)).join();
        List<Delivery> fresh = restarted.fetch(again, 10, 0).join();
        assertThat(fresh).extracting(d -> messageId(d.record())).containsExactly("after0");
        assertThat(fresh.get(0).redelivered()).isFalse();
    }

    @Test
    void everyByteValueSurvivesAMultiRowInsertAndIsReadBackFromTheDatabase() {
        engine.createTopic("binary", 1, 0).join();
        List<byte[]> sent = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            byte[] body = new byte[512];
            for (int i = 0; i < body.length; i++) {
                body[i] = (byte) (i + r * 7); // every value, including NUL, quote, backslash and 0x1a
            }
            sent.add(bytesRecord("b" + r, body));
        }
        engine.append("binary", 0, 0, 0, sent).join();
        engine.append("binary", 0, 0, 0, List.of(sent.get(0))).join();
        engine.close();

        MySqlBrokerEngine restarted = fixture.start(); // an empty tail: the rows come from the table
        long consumer = restarted.subscribe("binary", "g", GroupKind.QUEUE, null, false).join().consumerId();
        List<Delivery> got = restarted.fetch(consumer, 10, 0).join();
        assertThat(got).extracting(Delivery::record)
                .containsExactly(sent.get(0), sent.get(1), sent.get(2), sent.get(0));
    }

    @Test
    void aSendLargerThanTheDatabasesPacketLimitIsStoredWholeAndOnce() throws Exception {
        engine.createTopic("huge", 1, 0).join();
        long maxPacket = serverVariable("max_allowed_packet");
        List<byte[]> sent = new ArrayList<>();
        sent.add(record("small-before"));
        sent.add(sizedRecord("alone", 5 << 20)); // longer than the text budget: its own prepared INSERT
        sent.add(record("small-after"));
        for (long bytes = 0; bytes <= maxPacket; bytes += 1 << 20) {
            sent.add(sizedRecord("mib" + bytes / (1 << 20), 1 << 20));
        }
        AppendResult stored = engine.append("huge", 0, 5, 0, sent).join();
        assertThat(stored.offsets()).hasSize(sent.size()).isSorted().doesNotHaveDuplicates();
        assertThat(engine.append("huge", 0, 5, 0, sent).join().duplicate()).isTrue();
        engine.close();

        engine = fixture.start();
        assertThat(engine.append("huge", 0, 5, 0, sent).join().duplicate()).isTrue();
        assertThat(rowCount("huge")).isEqualTo(sent.size());
        long consumer = engine.subscribe("huge", "g", GroupKind.QUEUE, null, false).join().consumerId();
        List<byte[]> got = new ArrayList<>();
        List<Delivery> batch;
        while (!(batch = engine.fetch(consumer, 100, 0).join()).isEmpty()) {
            batch.forEach(delivery -> got.add(delivery.record()));
        }
        assertThat(got).containsExactlyElementsOf(sent);
    }

    @Test
    void theTraceColumnsKeepQuotesBackslashesAndNonLatinTextThroughAMultiRowInsert() throws Exception {
        engine.createTopic("trace", 1, 0).join();
        String id = "ID:it's \\ a \"test\" \u00e9\u4e2d\ud83d\ude00";
        byte[] first = MessageRecord.builder().persistent(true).bodyType(BodyType.TEXT).messageId(id)
                .correlationId("order-'1'; DROP TABLE topic; --").type("\u00fcber\\type").body(new byte[]{0}).build().encode();
        byte[] second = MessageRecord.builder().persistent(true).bodyType(BodyType.TEXT).messageId("plain")
                .body(new byte[]{1}).build().encode();
        engine.append("trace", 0, 0, 0, List.of(first, second)).join();

        try (Connection connection = fixture.database().connect();
             ResultSet rows = connection.createStatement().executeQuery("SELECT message_id, correlation_id,"
                     + " message_type FROM " + tableOf("trace") + " ORDER BY id")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo(id);
            assertThat(rows.getString(2)).isEqualTo("order-'1'; DROP TABLE topic; --");
            assertThat(rows.getString(3)).isEqualTo("\u00fcber\\type");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("plain");
            assertThat(rows.getString(2)).isNull();
            assertThat(rows.getString(3)).isNull();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long committedOffset(String group) throws Exception {
        return ((Number) firstValue("SELECT o.committed_offset FROM consumer_offset o"
                + " JOIN consumer_group g ON g.id = o.group_id WHERE g.name = '" + group + "'")).longValue();
    }

    private long serverVariable(String name) throws Exception {
        return ((Number) firstValue("SELECT @@" + name)).longValue();
    }

    private String tableOf(String topic) throws Exception {
        return (String) firstValue("SELECT q.table_name FROM topic_queue q JOIN topic t ON t.id = q.topic_id"
                + " WHERE t.name = '" + topic + "'");
    }

    /** The first column of the query's first row, which must exist. */
    private Object firstValue(String sql) throws Exception {
        try (Connection connection = fixture.database().connect();
             ResultSet row = connection.createStatement().executeQuery(sql)) {
            assertThat(row.next()).as(sql).isTrue();
            return row.getObject(1);
        }
    }

    private long rowCount(String topic) throws Exception {
        try (Connection connection = fixture.database().connect()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = connection.createStatement().executeQuery("SELECT q.table_name FROM topic_queue q"
                    + " JOIN topic t ON t.id = q.topic_id WHERE t.name = '" + topic + "'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            long count = 0;
            for (String table : tables) {
                try (ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rows.next();
                    count += rows.getLong(1);
                }
            }
            return count;
        }
    }

    private int groupRows() throws Exception {
        return ((Number) firstValue("SELECT COUNT(*) FROM consumer_group")).intValue();
    }
}
