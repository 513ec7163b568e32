package io.rowmq.broker.engine;

import io.rowmq.broker.BrokerEngine;
import io.rowmq.broker.testing.EngineFixture;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.TopicInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(120)
class EngineTopicsIT {
    private static EngineFixture fixture;
    private static BrokerEngine engine;

    @BeforeAll
    static void start() {
        fixture = new EngineFixture();
        engine = fixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void createsListsAndDeletesTopicsWithOneTablePerQueue() throws Exception {
        TopicInfo created = engine.createTopic("orders", 3, 5).join();
        assertThat(created).isEqualTo(new TopicInfo("orders", 3, 5));
        assertThat(engine.describeTopics(null).join()).contains(created);
        assertThat(engine.describeTopics("orders").join()).containsExactly(created);
        assertThat(queueTables()).isEqualTo(3);

        engine.deleteTopic("orders").join();
        assertThat(engine.describeTopics(null).join()).doesNotContain(created);
        assertThat(queueTables()).isZero();
    }

    @Test
    void defaultsApplyWhenCountsAreZero() {
        assertThat(engine.createTopic("defaults", 0, 0).join()).isEqualTo(new TopicInfo("defaults", 2, 3));
    }

    @Test
    void duplicateUnknownAndInvalidTopicsGetSpecificErrors() {
        engine.createTopic("twice", 1, 0).join();
        assertError(() -> engine.createTopic("twice", 1, 0).join(), ErrorCode.TOPIC_EXISTS, "'twice' already exists");
        assertError(() -> engine.describeTopics("nope").join(), ErrorCode.UNKNOWN_TOPIC, "'nope' does not exist");
        assertError(() -> engine.deleteTopic("nope").join(), ErrorCode.UNKNOWN_TOPIC, "'nope'");
        assertError(() -> engine.createTopic("bad name!", 1, 0).join(), ErrorCode.INVALID_REQUEST, "Invalid topic name");
        assertError(() -> engine.createTopic("zero", 2000, 0).join(), ErrorCode.INVALID_REQUEST, "1..1024");
        assertError(() -> engine.subscribe("twice", "g".repeat(256), io.rowmq.protocol.GroupKind.QUEUE, null, false)
                .join(), ErrorCode.INVALID_REQUEST, "group name of 256 characters");
    }

    @Test
    void topicNamesAreCaseSensitiveAsJmsDestinationNamesAre() {
        TopicInfo upper = engine.createTopic("Cases", 1, 0).join();
        TopicInfo lower = engine.createTopic("cases", 2, 0).join();
        assertThat(engine.describeTopics("Cases").join()).containsExactly(upper);
        assertThat(engine.describeTopics("cases").join()).containsExactly(lower);
        assertError(() -> engine.describeTopics("CASES").join(), ErrorCode.UNKNOWN_TOPIC, "'CASES' does not exist");
    }

    private static void assertError(Runnable call, ErrorCode code, String text) {
        assertThatThrownBy(call::run).isInstanceOf(CompletionException.class).cause()
                .isInstanceOfSatisfying(BrokerError.class, error -> assertThat(error.code()).isEqualTo(code))
                .hasMessageContaining(text);
    }

    private static int queueTables() throws Exception {
        try (Connection connection = fixture.database().connect();
             ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM information_schema.tables"
                     + " WHERE table_schema = DATABASE() AND table_name IN (SELECT table_name FROM topic_queue q"
                     + " JOIN topic t ON t.id = q.topic_id WHERE t.name = 'orders') OR (table_schema = DATABASE()"
                     + " AND table_name LIKE 'q\\_%' AND table_name NOT IN (SELECT table_name FROM topic_queue))")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
