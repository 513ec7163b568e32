package io.rowmq.broker.engine;

import io.rowmq.broker.EngineSettings;
import io.rowmq.broker.MySqlBrokerEngine;
import io.rowmq.broker.admin.DataNodeSpec;
import io.rowmq.broker.admin.DataNodes;
import io.rowmq.broker.store.Database;
import io.rowmq.broker.testing.TestClock;
import io.rowmq.broker.testing.TestDatabase;
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

/**
 * A topic's queues spread over two databases, the admin one and a data node: sends, idempotent
 * retries, consumption, parking, retention and deletion all work wherever a queue lives.
 */
@Timeout(120)
class DataNodesIT {

    @Test
    void queuesOnAnotherDataNodeBehaveLikeLocalOnes() throws Exception {
        try (TestDatabase admin = TestDatabase.create(); TestDatabase node = TestDatabase.create();
             Database pool = Database.open(admin.jdbcUrl(), admin.user(), admin.password(), 16, 3000)) {
            DataNodes nodes = DataNodes.open(pool.dataSource(),
                    List.of(new DataNodeSpec("n1", node.jdbcUrl(), node.user(), node.password())), 4, 3000);
            MySqlBrokerEngine engine = MySqlBrokerEngine.open(pool.dataSource(), new EngineSettings("node-broker", 4, 3,
                    30_000, 3000, true, TestClock.startingNow(), 10, 3_600_000, 1 << 20), nodes);
            try {
                engine.createTopic("spread", 4, 0).join();
                assertThat(queueTables(admin)).hasSize(2);
                assertThat(queueTables(node)).hasSize(2);

                for (int queue = 0; queue < 4; queue++) {
                    engine.append("spread", queue, 100 + queue, 0, records("q" + queue + "-", 12)).join();
                }
                assertThat(engine.append("spread", 1, 101, 0, records("q1-", 12)).join().duplicate())
                        .as("the node's producer table remembers the sequence").isTrue();

                long consumer = engine.subscribe("spread", "all", GroupKind.QUEUE, null, false).join().consumerId();
                List<Delivery> got = new ArrayList<>();
                for (int i = 0; i < 10 && got.size() < 48; i++) {
                    got.addAll(engine.fetch(consumer, 100, 0).join());
                }
                assertThat(got).hasSize(48);
                Delivery poison = got.stream().filter(d -> messageId(d.record()).equals("q1-5")).findFirst().orElseThrow();
                engine.ack(consumer, got.stream().filter(d -> d != poison).map(Delivery::ref).toList()).join();
                for (int attempt = 1; attempt <= 3; attempt++) {
                    Delivery again = attempt == 1 ? poison : engine.fetch(consumer, 1, 0).join().get(0);
                    assertThat(messageId(again.record())).isEqualTo("q1-5");
                    engine.release(consumer, List.of(again.ref()), "fails on the node", true).join();
                }
                assertThat(deadLetterMessageIds(admin)).containsExactly("q1-5");

                assertThat(engine.retireSegments()).as("segment p0 of each of the four queues").isEqualTo(4);
                engine.deleteTopic("spread").join();
                assertThat(queueTables(admin)).isEmpty();
                assertThat(queueTables(node)).isEmpty();
            } finally {
                engine.close();
            }
        }
    }

    private static List<String> queueTables(TestDatabase db) throws Exception {
        try (Connection connection = db.connect();
             ResultSet rows = connection.createStatement().executeQuery("SELECT table_name FROM information_schema.tables"
                     + " WHERE table_schema = DATABASE() AND table_name LIKE 'q\\_%'")) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }

    private static List<String> deadLetterMessageIds(TestDatabase admin) throws Exception {
        try (Connection connection = admin.connect();
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT message_id, LENGTH(payload) FROM dead_letter")) {
            List<String> ids = new ArrayList<>();
            while (rows.next()) {
                assertThat(rows.getInt(2)).as("payload copied from the node").isPositive();
                ids.add(rows.getString(1));
            }
            return ids;
        }
    }
}
