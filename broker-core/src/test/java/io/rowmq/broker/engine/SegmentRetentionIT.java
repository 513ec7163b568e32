package io.rowmq.broker.engine;

import io.rowmq.broker.EngineSettings;
import io.rowmq.broker.MySqlBrokerEngine;
import io.rowmq.broker.testing.EngineFixture;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.GroupKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static io.rowmq.broker.testing.TestRecords.messageId;
import static io.rowmq.broker.testing.TestRecords.records;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class SegmentRetentionIT {

    @Test
    void segmentsEveryGroupHasSettledAreDroppedWholeAndTheRestStaysReadable() throws Exception {
        try (EngineFixture fixture = new EngineFixture()) {
            MySqlBrokerEngine engine = fixture.start(new EngineSettings("retention-broker", 1, 3, 30_000, 3000, true,
                    fixture.clock, 10, 3_600_000, EngineSettings.DEFAULT_TAIL_CACHE_BYTES));
            engine.createTopic("audit", 1, 0).join();
            long fast = engine.subscribe("audit", "fast", GroupKind.QUEUE, null, false).join().consumerId();
            long slow = engine.subscribe("audit", "slow", GroupKind.QUEUE, null, false).join().consumerId();
            engine.append("audit", 0, 0, 0, records("m", 35)).join();
            assertThat(engine.retireSegments()).isZero();
            assertThat(segments(fixture)).hasSizeGreaterThanOrEqualTo(5).contains("p0", "p1", "p2", "p3", "pmax");

            ackAll(engine, fast, 35);
            ackAll(engine, slow, 12);
            assertThat(engine.retireSegments()).as("only p0 (offsets below 10) is settled by both groups").isEqualTo(1);
            assertThat(segments(fixture)).doesNotContain("p0").contains("p1");

            ackAll(engine, slow, 17);
            assertThat(engine.retireSegments()).as("p1 and p2 settled by both").isEqualTo(2);
            assertThat(rows(fixture)).isEqualTo(35 - 29);

            List<Delivery> rest = engine.fetch(slow, 100, 0).join();
            assertThat(rest).extracting(d -> messageId(d.record())).containsExactly("m29", "m30", "m31", "m32", "m33",
                    "m34");
        }
    }

    private static void ackAll(MySqlBrokerEngine engine, long consumer, int count) {
        List<Delivery> got = engine.fetch(consumer, count, 0).join();
        assertThat(got).hasSize(count);
        engine.ack(consumer, got.stream().map(Delivery::ref).toList()).join();
    }

    private static List<String> segments(EngineFixture fixture) throws Exception {
        try (Connection connection = fixture.database().connect();
             ResultSet rows = connection.createStatement().executeQuery("SELECT PARTITION_NAME FROM"
                     + " information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'q\\_%'")) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }

    private static long rows(EngineFixture fixture) throws Exception {
        try (Connection connection = fixture.database().connect();
             ResultSet tables = connection.createStatement().executeQuery("SELECT table_name FROM topic_queue")) {
            tables.next();
            try (ResultSet count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM "
                    + tables.getString(1))) {
                count.next();
                return count.getLong(1);
            }
        }
    }
}
