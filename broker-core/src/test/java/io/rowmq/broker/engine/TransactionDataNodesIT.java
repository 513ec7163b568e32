package io.rowmq.broker.engine;

import io.rowmq.broker.EngineSettings;
import io.rowmq.broker.MySqlBrokerEngine;
import io.rowmq.broker.admin.DataNodeSpec;
import io.rowmq.broker.admin.DataNodes;
import io.rowmq.broker.store.Database;
import io.rowmq.broker.testing.TestClock;
import io.rowmq.broker.testing.TestDatabase;
import io.rowmq.broker.tx.TransactionCoordinator.CrashPoint;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.TransactionAck;
import io.rowmq.protocol.TransactionSend;
import io.rowmq.protocol.TransactionWork;
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
 * A transaction whose sends land on two databases (the admin one and a data node) is recorded
 * on the admin database and applied on each; applying it again after a crash writes nothing
 * twice on either, because each queue's applied-mark lives next to its rows (D16).
 */
@Timeout(120)
class TransactionDataNodesIT {

    @Test
    void aTransactionAcrossDataNodesIsAppliedOnceOnEach() throws Exception {
        try (TestDatabase admin = TestDatabase.create(); TestDatabase node = TestDatabase.create();
             Database pool = Database.open(admin.jdbcUrl(), admin.user(), admin.password(), 16, 3000)) {
            TestClock clock = TestClock.startingNow();
            MySqlBrokerEngine engine = open(pool, node, clock);
            try {
                engine.createTopic("in", 1, 0).join();
                engine.createTopic("spread", 2, 0).join();
                engine.append("in", 0, 0, 0, records("in", 1)).join();
                long consumer = engine.subscribe("in", "g", GroupKind.QUEUE, null, false).join().consumerId();
                Delivery taken = engine.fetch(consumer, 10, 0).join().get(0);

                engine.transactions().crashAt(CrashPoint.AFTER_APPLY);
                engine.commitTransaction(new TransactionWork(List.of(
                        new TransactionSend("spread", 0, records("local", 2)),
                        new TransactionSend("spread", 1, records("remote", 3))),
                        List.of(new TransactionAck(consumer, List.of(taken.ref()))))).join();
                assertThat(count(node, "producer WHERE producer_id < 0")).as("the node's applied-mark").isEqualTo(1);
            } finally {
                engine.close();
            }

            MySqlBrokerEngine restarted = open(pool, node, clock);
            try {
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (count(admin, "tx") > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(count(admin, "tx")).as("applied again and forgotten").isZero();
                assertThat(count(node, "producer WHERE producer_id < 0") + count(admin, "producer WHERE producer_id < 0"))
                        .as("applied-marks deleted on both databases").isZero();

                long reader = restarted.subscribe("spread", "r", GroupKind.QUEUE, null, false).join().consumerId();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    restarted.fetch(reader, 100, 0).join().forEach(d -> ids.add(messageId(d.record())));
                }
                assertThat(ids).containsExactlyInAnyOrder("local0", "local1", "remote0", "remote1", "remote2");
                long again = restarted.subscribe("in", "g", GroupKind.QUEUE, null, false).join().consumerId();
                assertThat(restarted.fetch(again, 10, 0).join()).as("acknowledged by the transaction").isEmpty();
            } finally {
                restarted.close();
            }
        }
    }

    private static MySqlBrokerEngine open(Database pool, TestDatabase node, TestClock clock) {
        DataNodes nodes = DataNodes.open(pool.dataSource(),
                List.of(new DataNodeSpec("n1", node.jdbcUrl(), node.user(), node.password())), 4, 3000);
        return MySqlBrokerEngine.open(pool.dataSource(), new EngineSettings("tx-node-broker", 2, 3, 30_000, 3000,
                true, clock, 1000, 3_600_000, 1 << 20), nodes);
    }

    private static long count(TestDatabase db, String tableAndWhere) throws Exception {
        try (Connection connection = db.connect();
             ResultSet row = connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + tableAndWhere)) {
            row.next();
            return row.getLong(1);
        }
    }
}
