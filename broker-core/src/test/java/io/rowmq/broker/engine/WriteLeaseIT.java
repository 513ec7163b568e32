package io.rowmq.broker.engine;

import io.rowmq.broker.MySqlBrokerEngine;
import io.rowmq.broker.testing.EngineFixture;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CompletionException;

import static io.rowmq.broker.testing.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One writer per queue: a broker that lost its write lease to another stops inserting into the queue. */
@Timeout(60)
class WriteLeaseIT {

    @Test
    void aBrokerWhoseLeaseAnotherBrokerTookStopsWritingTheQueue() throws Exception {
        try (EngineFixture fixture = new EngineFixture()) {
            MySqlBrokerEngine engine = fixture.start(1000);
            engine.createTopic("owned", 1, 0).join();
            engine.append("owned", 0, 0, 0, List.of(record("mine"))).join();
            assertThat(writer(fixture)).isEqualTo("test-broker");

            try (Connection connection = fixture.database().connect()) {
                connection.createStatement().execute("UPDATE topic_queue SET writer_id = 'other-broker',"
                        + " writer_lease_until = DATE_ADD(NOW(3), INTERVAL 60 SECOND)");
            }
            BrokerError refused = null;
            long deadline = System.currentTimeMillis() + 20_000;
            while (refused == null && System.currentTimeMillis() < deadline) {
                try {
                    engine.append("owned", 0, 0, 0, List.of(record("after"))).join();
                    Thread.sleep(50);
                } catch (CompletionException e) {
                    refused = (BrokerError) e.getCause();
                }
            }
            assertThat(refused).isNotNull();
            assertThat(refused.code()).isEqualTo(ErrorCode.NOT_QUEUE_OWNER);
            assertThat(refused.retriable()).isTrue();
            long rows = rows(fixture);
            Thread.sleep(500);
            assertThatThrownBy(() -> engine.append("owned", 0, 0, 0, List.of(record("again"))).join())
                    .hasCauseInstanceOf(BrokerError.class).hasMessageContaining("written by another broker");
            assertThat(rows(fixture)).as("nothing written once the lease is known lost").isEqualTo(rows);
            assertThat(writer(fixture)).isEqualTo("other-broker");
        }
    }

    @Test
    void sendsThatNameNoQueueAreRoutedToQueuesThisBrokerCanWrite() throws Exception {
        try (EngineFixture fixture = new EngineFixture()) {
            MySqlBrokerEngine engine = fixture.start();
            engine.createTopic("split", 2, 0).join();
            try (Connection connection = fixture.database().connect()) {
                connection.createStatement().execute("UPDATE topic_queue SET writer_id = 'other-broker',"
                        + " writer_lease_until = DATE_ADD(NOW(3), INTERVAL 60 SECOND) WHERE queue_index = 0");
            }
            int refused = 0;
            for (int i = 0; i < 20; i++) {
                try {
                    assertThat(engine.append("split", -1, 0, 0, List.of(record("m" + i))).join().queueIndex()).isEqualTo(1);
                } catch (CompletionException e) {
                    refused++;
                }
            }
            assertThat(refused).as("only the first try meets the other broker's queue").isLessThanOrEqualTo(1);
        }
    }

    private static String writer(EngineFixture fixture) throws Exception {
        try (Connection connection = fixture.database().connect();
             ResultSet row = connection.createStatement().executeQuery("SELECT writer_id FROM topic_queue")) {
            row.next();
            return row.getString(1);
        }
    }

    private static long rows(EngineFixture fixture) throws Exception {
        try (Connection connection = fixture.database().connect();
             ResultSet table = connection.createStatement().executeQuery("SELECT table_name FROM topic_queue")) {
            table.next();
            try (ResultSet count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM "
                    + table.getString(1))) {
                count.next();
                return count.getLong(1);
            }
        }
    }
}
