package io.rowmq.broker.net;

import io.rowmq.jms.provider.RowMQClient;
import io.rowmq.protocol.CreateTemporaryTopicRequest;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.Frame;
import io.rowmq.protocol.FrameType;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.HandshakeRequest;
import io.rowmq.protocol.TopicInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static io.rowmq.broker.net.BrokerRoundTripIT.brokerError;
import static io.rowmq.broker.net.BrokerRoundTripIT.fetchAll;
import static io.rowmq.broker.net.BrokerRoundTripIT.record;
import static org.assertj.core.api.Assertions.assertThat;

/** CREATE_TEMPORARY_TOPIC: owned by one connection, consumed only by it, deleted with it. */
@Timeout(60)
class TemporaryTopicIT {
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

    /** Rows of the topic plus its queue tables still in the database. */
    private static long leftOf(String topic) throws Exception {
        long id = count("SELECT COALESCE(MAX(id), -1) FROM topic WHERE name = '" + topic + "'");
        long tables = count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"
                + " AND table_name LIKE 'q\\_" + id + "\\_%'");
        return (id < 0 ? 0 : 1) + tables;
    }

    private static void awaitDeleted(String topic) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (leftOf(topic) > 0) {
            assertThat(System.nanoTime()).as("temporary topic %s still there 10 s after its connection ended", topic)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void onlyTheOwnerConsumesAnyoneProducesAndClosingDeletesIt() throws Exception {
        try (RowMQClient other = fixture.connect()) {
            RowMQClient owner = fixture.connect();
            TopicInfo info = owner.createTemporaryTopic("tmp.replies.1", 2).get();
            assertThat(info).isEqualTo(new TopicInfo("tmp.replies.1", 2, 3));
            assertThat(leftOf("tmp.replies.1")).as("topic row and two queue tables").isEqualTo(3);
            long consumer = owner.subscribe("tmp.replies.1", "tmp.replies.1", GroupKind.QUEUE, null, false).get();

            assertThat(brokerError(other.subscribe("tmp.replies.1", "g", GroupKind.QUEUE, null, false)))
                    .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                    .hasMessageContaining("temporary destination of connection " + owner.connectionId())
                    .hasMessageContaining("only the connection that created a temporary destination may consume");
            assertThat(brokerError(other.deleteTopic("tmp.replies.1")).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            other.produce("tmp.replies.1", -1, 0, 0, List.of(record("reply", 1))).get();
            List<Delivery> replies = fetchAll(owner, consumer, 1);
            assertThat(replies).hasSize(1);
            owner.ack(consumer, List.of(replies.get(0).ref())).get();

            owner.close();
            awaitDeleted("tmp.replies.1");
            assertThat(brokerError(other.metadata("tmp.replies.1")).code()).isEqualTo(ErrorCode.UNKNOWN_TOPIC);
            assertThat(count("SELECT COUNT(*) FROM consumer_group g LEFT JOIN topic t ON t.id = g.topic_id"
                    + " WHERE t.id IS NULL")).as("groups left without their topic").isZero();
        }
    }

    @Test
    void aConnectionThatDropsWithoutClosingLosesItsTemporaryTopics() throws Exception {
        try (RawConnection raw = fixture.raw()) {
            raw.writeRequest(FrameType.HANDSHAKE, 1, HandshakeRequest.plain(null, null, null));
            assertThat(raw.readFrame().type()).isEqualTo(FrameType.HANDSHAKE.code());
            raw.writeRequest(FrameType.CREATE_TEMPORARY_TOPIC, 2, new CreateTemporaryTopicRequest("tmp.dropped", 1));
            RawConnection.RawFrame created = raw.readFrame();
            assertThat(created.type()).isEqualTo(FrameType.CREATE_TEMPORARY_TOPIC.code());
            assertThat(leftOf("tmp.dropped")).isEqualTo(2);
        }
        awaitDeleted("tmp.dropped");
    }

    @Test
    void theOwnerMayDeleteItsTemporaryTopic() throws Exception {
        try (RowMQClient owner = fixture.connect()) {
            owner.createTemporaryTopic("tmp.deleted", 0).get();
            owner.deleteTopic("tmp.deleted").get();
            assertThat(leftOf("tmp.deleted")).isZero();
            assertThat(owner.createTemporaryTopic("tmp.deleted", 1).get().queueCount()).isOne();
            assertThat(brokerError(owner.createTemporaryTopic("tmp.deleted", 1)).code())
                    .isEqualTo(ErrorCode.TOPIC_EXISTS);
        }
        awaitDeleted("tmp.deleted");
    }

    @Test
    void anOrdinaryTopicIsNotTemporary() throws Exception {
        try (RowMQClient other = fixture.connect()) {
            RowMQClient creator = fixture.connect();
            creator.createTopic("tmp.not-really", 1, 3).get();
            creator.close();
            long consumer = other.subscribe("tmp.not-really", "g", GroupKind.QUEUE, null, false).get();
            other.closeConsumer(consumer).get();
            Thread.sleep(200);
            assertThat(leftOf("tmp.not-really")).isEqualTo(2);
        }
    }
}
