package io.rowmq.broker.engine;

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
import java.util.concurrent.CompletionException;

import static io.rowmq.broker.testing.TestRecords.messageId;
import static io.rowmq.broker.testing.TestRecords.record;
import static io.rowmq.broker.testing.TestRecords.records;
import static io.rowmq.broker.testing.TestRecords.sizedRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database fails in the middle of a dispatch operation (a table is renamed away and back):
 * what the group had taken for the consumer must come back, never stay held by nobody.
 */
@Timeout(120)
class EngineFailureIT {
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
    void aFetchThatFailsOnOneQueueGivesBackWhatItHadTakenFromTheOthers() throws Exception {
        engine.createTopic("split", 2, 0).join();
        engine.append("split", 0, 0, 0, List.of(record("cached"))).join();
        // Too large for the in-memory tail: queue 1 is read from its table.
        engine.append("split", 1, 0, 0, List.of(sizedRecord("stored", 100_000))).join();
        long consumer = engine.subscribe("split", "g", GroupKind.QUEUE, null, false).join().consumerId();

        String table = queueTable("split", 1);
        execute("RENAME TABLE " + table + " TO " + table + "_away");
        assertThatThrownBy(() -> engine.fetch(consumer, 10, 0).join()).isInstanceOf(CompletionException.class);
        execute("RENAME TABLE " + table + "_away TO " + table);

        List<Delivery> got = engine.fetch(consumer, 10, 0).join();
        assertThat(got).extracting(d -> messageId(d.record())).containsExactlyInAnyOrder("cached", "stored");
        assertThat(got).allSatisfy(d -> assertThat(d.deliveryCount()).isEqualTo(1));
    }

    @Test
    void whatAClosingConsumerHeldComesBackEvenWhenItsFailureCannotBeRecorded() throws Exception {
        engine.createTopic("close", 1, 0).join();
        engine.append("close", 0, 0, 0, records("c", 2)).join();
        long first = engine.subscribe("close", "g", GroupKind.QUEUE, null, false).join().consumerId();
        long second = engine.subscribe("close", "g", GroupKind.QUEUE, null, false).join().consumerId();
        assertThat(engine.fetch(first, 10, 0).join()).hasSize(2);

        execute("RENAME TABLE delivery_attempt TO delivery_attempt_away");
        try {
            engine.closeConsumer(first).join();
        } catch (CompletionException expected) {
            // The close may report the database failure; the messages must still come back.
        }
        execute("RENAME TABLE delivery_attempt_away TO delivery_attempt");

        List<Delivery> again = engine.fetch(second, 10, 0).join();
        assertThat(again).extracting(d -> messageId(d.record())).containsExactly("c0", "c1");
        assertThat(again).allSatisfy(d -> assertThat(d.redelivered()).isTrue());
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = fixture.database().connect()) {
            connection.createStatement().execute(sql);
        }
    }

    private String queueTable(String topic, int index) throws Exception {
        try (Connection connection = fixture.database().connect();
             ResultSet row = connection.createStatement().executeQuery("SELECT q.table_name FROM topic_queue q"
                     + " JOIN topic t ON t.id = q.topic_id WHERE t.name = '" + topic + "' AND q.queue_index = " + index)) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }
}
