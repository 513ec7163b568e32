package io.rowmq.broker.engine;

import io.rowmq.broker.EngineSettings;
import io.rowmq.broker.MySqlBrokerEngine;
import io.rowmq.broker.testing.EngineFixture;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.GroupKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;

import static io.rowmq.broker.testing.TestRecords.messageId;
import static io.rowmq.broker.testing.TestRecords.record;
import static io.rowmq.broker.testing.TestRecords.records;
import static org.assertj.core.api.Assertions.assertThat;

/** Who may give a message back, and what its delivery count is after leases, releases and restarts. */
@Timeout(120)
class EngineRedeliveryIT {
    private EngineFixture fixture;
    private MySqlBrokerEngine engine;

    @BeforeEach
    void start() {
        fixture = new EngineFixture();
        engine = fixture.start(1000);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aLateReleaseByAConsumerWhoseLeaseExpiredDoesNotTakeTheMessageFromItsNewHolder() {
        engine.createTopic("late", 1, 0).join();
        engine.append("late", 0, 0, 0, List.of(record("m"))).join();
        long slow = engine.subscribe("late", "g", GroupKind.QUEUE, null, false).join().consumerId();
        long holder = engine.subscribe("late", "g", GroupKind.QUEUE, null, false).join().consumerId();
        long third = engine.subscribe("late", "g", GroupKind.QUEUE, null, false).join().consumerId();
        Delivery first = engine.fetch(slow, 10, 0).join().get(0);

        fixture.clock.advance(1500);
        Delivery retaken = engine.fetch(holder, 10, 60_000).join().get(0);
        assertThat(retaken.ref()).isEqualTo(first.ref());
        assertThat(retaken.deliveryCount()).isEqualTo(2);

        engine.release(slow, List.of(first.ref()), "slow consumer rolled back", true).join();
        assertThat(engine.fetch(third, 10, 0).join()).as("the message is still held by its new holder").isEmpty();
        engine.ack(holder, List.of(retaken.ref())).join();
        assertThat(engine.fetch(third, 10, 0).join()).isEmpty();
    }

    @Test
    void aLateAckByAConsumerWhoseLeaseExpiredLeavesTheMessageToItsNewHolder() {
        engine.createTopic("lateack", 1, 0).join();
        engine.append("lateack", 0, 0, 0, List.of(record("m"))).join();
        long slow = engine.subscribe("lateack", "g", GroupKind.QUEUE, null, false).join().consumerId();
        long holder = engine.subscribe("lateack", "g", GroupKind.QUEUE, null, false).join().consumerId();
        long third = engine.subscribe("lateack", "g", GroupKind.QUEUE, null, false).join().consumerId();
        Delivery first = engine.fetch(slow, 10, 0).join().get(0);
        fixture.clock.advance(1500);
        Delivery retaken = engine.fetch(holder, 10, 60_000).join().get(0);

        engine.ack(slow, List.of(first.ref())).join();
        engine.release(holder, List.of(retaken.ref()), "holder failed", true).join();

        List<Delivery> again = engine.fetch(third, 10, 0).join();
        assertThat(again).as("the holder's failure decides, not the stale ack").hasSize(1);
        assertThat(again.get(0).deliveryCount()).isEqualTo(3);
    }

    @Test
    void aMessageInFlightAgainAfterAFailureCountsThatDeliveryAfterARestart() throws Exception {
        engine.createTopic("again", 1, 0).join();
        engine.append("again", 0, 0, 0, List.of(record("m"))).join();
        long consumer = engine.subscribe("again", "g", GroupKind.QUEUE, null, false).join().consumerId();
        Delivery first = engine.fetch(consumer, 10, 0).join().get(0);
        engine.release(consumer, List.of(first.ref()), "first failure", true).join();
        assertThat(engine.fetch(consumer, 10, 0).join().get(0).deliveryCount()).isEqualTo(2);
        engine.close(); // the second delivery is in flight: its outcome is never known

        MySqlBrokerEngine restarted = fixture.start(1000);
        long again = restarted.subscribe("again", "g", GroupKind.QUEUE, null, false).join().consumerId();
        Delivery third = restarted.fetch(again, 10, 0).join().get(0);
        assertThat(third.deliveryCount()).as("delivered twice before the restart").isEqualTo(3);
        restarted.release(again, List.of(third.ref()), "third failure", true).join();
        assertThat(restarted.fetch(again, 10, 0).join()).as("parked after the third attempt").isEmpty();
        try (Connection connection = fixture.database().connect();
             ResultSet row = connection.createStatement().executeQuery("SELECT attempts, reason FROM dead_letter")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getInt(1)).isEqualTo(3);
            assertThat(row.getString(2)).isEqualTo("third failure");
        }
    }

    @Test
    void aMessageReleasedTwiceInOneRequestComesBackOnce() {
        engine.createTopic("twice", 1, 0).join();
        engine.append("twice", 0, 0, 0, List.of(record("t"))).join();
        long consumer = engine.subscribe("twice", "g", GroupKind.QUEUE, null, false).join().consumerId();
        Delivery first = engine.fetch(consumer, 10, 0).join().get(0);
        engine.release(consumer, List.of(first.ref(), first.ref()), "listener threw", true).join();
        List<Delivery> again = engine.fetch(consumer, 10, 0).join();
        assertThat(again).extracting(Delivery::ref).containsExactly(first.ref());
        assertThat(again.get(0).deliveryCount()).isEqualTo(2);
    }

    @Test
    void aDelayedMessageBetweenDeliveredOnesIsFirstDeliveredAfterARestartNotRedelivered() {
        engine.createTopic("delay", 1, 0).join();
        long now = fixture.clock.millis();
        engine.append("delay", 0, 0, 0, List.of(record("a"), record("later", 0, now + 10_000), record("c"))).join();
        long consumer = engine.subscribe("delay", "g", GroupKind.QUEUE, null, false).join().consumerId();
        List<Delivery> got = engine.fetch(consumer, 10, 0).join();
        assertThat(got).extracting(d -> messageId(d.record())).containsExactly("a", "c");
        engine.ack(consumer, List.of(got.get(0).ref())).join();
        engine.close();

        MySqlBrokerEngine restarted = fixture.start(1000);
        fixture.clock.advance(10_001);
        long again = restarted.subscribe("delay", "g", GroupKind.QUEUE, null, false).join().consumerId();
        List<Delivery> after = restarted.fetch(again, 10, 0).join();
        assertThat(after).extracting(d -> messageId(d.record())).containsExactly("later", "c");
        assertThat(after.get(0).deliveryCount()).as("never delivered before the restart").isEqualTo(1);
        assertThat(after.get(1).deliveryCount()).as("delivered once before the restart").isEqualTo(2);
    }

    @Test
    void aBrokerWithTheLongestAllowedIdCanHandOutMessages() {
        engine.close();
        engine = fixture.start(new EngineSettings("b".repeat(128), 1, 3, 30_000, 3000, true, fixture.clock));
        engine.createTopic("named", 1, 0).join();
        engine.append("named", 0, 0, 0, records("n", 1)).join();
        long consumer = engine.subscribe("named", "g", GroupKind.QUEUE, null, false).join().consumerId();
        assertThat(engine.fetch(consumer, 10, 0).join()).hasSize(1);
    }

    @Test
    void nonDurableGroupsAreRemovedWhenTheBrokerStops() throws Exception {
        engine.createTopic("news", 1, 0).join();
        engine.subscribe("news", null, GroupKind.EPHEMERAL, null, false).join();
        engine.subscribe("news", "shared", GroupKind.SHARED, null, false).join();
        engine.subscribe("news", "durable", GroupKind.DURABLE, null, false).join();
        engine.close();
        try (Connection connection = fixture.database().connect();
             ResultSet rows = connection.createStatement().executeQuery("SELECT name FROM consumer_group")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("durable");
            assertThat(rows.next()).as("left-over non-durable groups would hold back retention for ever").isFalse();
        }
    }
}
