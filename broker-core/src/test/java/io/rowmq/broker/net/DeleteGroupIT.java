package io.rowmq.broker.net;

import io.rowmq.jms.provider.RowMQClient;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.Frame;
import io.rowmq.protocol.GroupKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static io.rowmq.broker.net.BrokerRoundTripIT.brokerError;
import static io.rowmq.broker.net.BrokerRoundTripIT.fetchAll;
import static io.rowmq.broker.net.BrokerRoundTripIT.record;
import static org.assertj.core.api.Assertions.assertThat;

/** DELETE_GROUP (JMS unsubscribe) against a real broker and database. */
@Timeout(120)
class DeleteGroupIT {
    private static ServerFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ServerFixture(Frame.DEFAULT_MAX_FRAME_SIZE);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = fixture.database().connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static long groupRows(String group) throws Exception {
        return count("SELECT COUNT(*) FROM consumer_group WHERE name = '" + group + "'");
    }

    @Test
    void deletesADurableGroupWithItsOffsetsAndClaims() throws Exception {
        try (RowMQClient client = fixture.connect()) {
            client.createTopic("dg.durable", 2, 3).get();
            long consumer = client.subscribe("dg.durable", "c1:audit", GroupKind.DURABLE, null, false).get();
            client.produce("dg.durable", 0, 0, 0, List.of(record("dg", 1), record("dg", 2))).get();
            List<Delivery> unacked = fetchAll(client, consumer, 2);
            assertThat(unacked).hasSize(2);
            client.closeConsumer(consumer).get();
            long groupId = count("SELECT id FROM consumer_group WHERE name = 'c1:audit'");
            assertThat(count("SELECT COUNT(*) FROM claim WHERE group_id = " + groupId)).isPositive();

            client.deleteGroup("dg.durable", "c1:audit").get();

            assertThat(groupRows("c1:audit")).isZero();
            assertThat(count("SELECT COUNT(*) FROM consumer_offset WHERE group_id = " + groupId)).isZero();
            assertThat(count("SELECT COUNT(*) FROM claim WHERE group_id = " + groupId)).isZero();
            long again = client.subscribe("dg.durable", "c1:audit", GroupKind.DURABLE, null, false).get();
            assertThat(client.fetch(again, 10, 300).get()).as("a new durable group starts at the end").isEmpty();
            client.closeConsumer(again).get();
        }
    }

    @Test
    void refusesWhileAConsumerIsAttachedAndSucceedsOnceItClosed() throws Exception {
        try (RowMQClient owner = fixture.connect(); RowMQClient other = fixture.connect()) {
            owner.createTopic("dg.busy", 1, 3).get();
            long consumer = owner.subscribe("dg.busy", "c2:sub", GroupKind.DURABLE, null, false).get();
            assertThat(brokerError(other.deleteGroup("dg.busy", "c2:sub")))
                    .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.SUBSCRIPTION_IN_USE))
                    .hasMessageContaining("c2:sub").hasMessageContaining("1 consumer(s) attached");
            assertThat(groupRows("c2:sub")).isOne();
            owner.closeConsumer(consumer).get();
            other.deleteGroup("dg.busy", "c2:sub").get();
            assertThat(groupRows("c2:sub")).isZero();
        }
    }

    @Test
    void aConsumerLostWithItsConnectionNoLongerHoldsTheGroup() throws Exception {
        try (RowMQClient client = fixture.connect()) {
            client.createTopic("dg.lost", 1, 3).get();
            RowMQClient lost = fixture.connect();
            lost.subscribe("dg.lost", "c3:sub", GroupKind.DURABLE, null, false).get();
            lost.close();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (true) {
                try {
                    client.deleteGroup("dg.lost", "c3:sub").get();
                    break;
                } catch (ExecutionException e) {
                    assertThat(System.nanoTime()).as("still in use 10 s after the connection closed: " + e.getCause())
                            .isLessThan(deadline);
                    Thread.sleep(50);
                }
            }
            assertThat(groupRows("c3:sub")).isZero();
        }
    }

    @Test
    void unknownGroupsAndTopicsAreUnknownSubscriptions() throws Exception {
        try (RowMQClient client = fixture.connect()) {
            client.createTopic("dg.unknown", 1, 3).get();
            assertThat(brokerError(client.deleteGroup("dg.unknown", "nobody")))
                    .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_SUBSCRIPTION))
                    .hasMessageContaining("'nobody'").hasMessageContaining("dg.unknown");
            assertThat(brokerError(client.deleteGroup("dg.no-such-topic", "nobody")).code())
                    .isEqualTo(ErrorCode.UNKNOWN_SUBSCRIPTION);
            assertThat(brokerError(client.deleteGroup(null, "nobody-anywhere")).code())
                    .isEqualTo(ErrorCode.UNKNOWN_SUBSCRIPTION);
        }
    }

    @Test
    void aNullTopicDeletesTheSubscriptionOfThatNameWhereverItIs() throws Exception {
        try (RowMQClient client = fixture.connect()) {
            client.createTopic("dg.anywhere", 1, 3).get();
            long consumer = client.subscribe("dg.anywhere", "c4:name-only", GroupKind.DURABLE, null, false).get();
            client.closeConsumer(consumer).get();
            client.deleteGroup(null, "c4:name-only").get();
            assertThat(groupRows("c4:name-only")).isZero();
        }
    }

    @Test
    void aQueueGroupIsNotASubscription() throws Exception {
        try (RowMQClient client = fixture.connect()) {
            client.createTopic("dg.queue", 1, 3).get();
            long consumer = client.subscribe("dg.queue", "dg.queue", GroupKind.QUEUE, null, false).get();
            client.closeConsumer(consumer).get();
            assertThat(brokerError(client.deleteGroup("dg.queue", "dg.queue")))
                    .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                    .hasMessageContaining("QUEUE group");
            assertThat(brokerError(client.deleteGroup(null, "dg.queue")).code())
                    .as("a name-only delete passes over queue groups").isEqualTo(ErrorCode.UNKNOWN_SUBSCRIPTION);
            assertThat(groupRows("dg.queue")).isOne();
        }
    }
}
