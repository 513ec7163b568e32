package io.rowmq.broker;

import io.rowmq.broker.testing.TestDatabase;
import io.rowmq.jms.provider.ClientOptions;
import io.rowmq.jms.provider.RowMQClient;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.TransactionAck;
import io.rowmq.protocol.TransactionSend;
import io.rowmq.protocol.TransactionWork;
import io.rowmq.protocol.TransactionXid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An XA branch that consumes and produces is prepared, the broker process is killed with
 * SIGKILL, and a new broker process on the same database lists the branch, keeps its
 * acknowledged messages from other consumers, and commits it: its records are delivered once.
 */
@Timeout(300)
class BrokerTransactionCrashIT {
    private static final TransactionXid XID = new TransactionXid(4711, "crash-gtrid".getBytes(StandardCharsets.UTF_8),
            "crash-bqual".getBytes(StandardCharsets.UTF_8));

    private static TestDatabase db;

    @BeforeAll
    static void createDatabase() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void aPreparedBranchSurvivesSigkillAndCommitsOnceAfterTheRestart() throws Exception {
        int port = BrokerProcess.freePort();
        try (BrokerProcess broker = BrokerProcess.start("tx-crash-it-1", brokerArgs(port));
             RowMQClient client = connect(port)) {
            client.createTopic("tx-in", 1, 0).get(30, TimeUnit.SECONDS);
            client.createTopic("tx-out", 2, 0).get(30, TimeUnit.SECONDS);
            client.produce("tx-in", 0, 0, 0, IdRecords.records("in", 0, 3)).get(30, TimeUnit.SECONDS);
            long consumer = client.subscribe("tx-in", "work", GroupKind.QUEUE, null, false).get(30, TimeUnit.SECONDS);
            List<Delivery> got = client.fetch(consumer, 10, 5_000).get(30, TimeUnit.SECONDS);
            assertThat(got).extracting(IdRecords::idOf).containsExactly("in-0", "in-1", "in-2");

            client.prepareTransaction(XID, new TransactionWork(
                    List.of(new TransactionSend("tx-out", -1, IdRecords.records("out", 0, 3))),
                    List.of(new TransactionAck(consumer, List.of(got.get(0).ref(), got.get(1).ref())))))
                    .get(30, TimeUnit.SECONDS);
            broker.kill();
        }

        try (BrokerProcess broker = BrokerProcess.start("tx-crash-it-2", brokerArgs(port));
             RowMQClient client = connect(port)) {
            assertThat(client.recoverTransactions().get(30, TimeUnit.SECONDS)).containsExactly(XID);
            long consumer = client.subscribe("tx-in", "work", GroupKind.QUEUE, null, false).get(30, TimeUnit.SECONDS);
            List<Delivery> again = client.fetch(consumer, 10, 5_000).get(30, TimeUnit.SECONDS);
            assertThat(again).extracting(IdRecords::idOf).as("the prepared acknowledgements keep their messages")
                    .containsExactly("in-2");
            assertThat(again.get(0).deliveryCount()).isEqualTo(2);
            long reader = client.subscribe("tx-out", "readers", GroupKind.QUEUE, null, false).get(30, TimeUnit.SECONDS);
            assertThat(client.fetch(reader, 10, 300).get(30, TimeUnit.SECONDS)).as("nothing visible while prepared")
                    .isEmpty();

            client.endTransaction(XID, true).get(30, TimeUnit.SECONDS);
            List<String> out = new ArrayList<>();
            for (int quiet = 0; quiet < 2; ) {
                List<Delivery> batch = client.fetch(reader, 10, 500).get(30, TimeUnit.SECONDS);
                quiet = batch.isEmpty() ? quiet + 1 : 0;
                batch.forEach(d -> out.add(IdRecords.idOf(d)));
                if (!batch.isEmpty()) {
                    client.ack(reader, batch.stream().map(Delivery::ref).toList()).get(30, TimeUnit.SECONDS);
                }
            }
            assertThat(out).as("the branch's records, each once").containsExactly("out-0", "out-1", "out-2");
            assertThat(client.recoverTransactions().get(30, TimeUnit.SECONDS)).isEmpty();
            assertThatThrownBy(() -> client.endTransaction(XID, true).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(BrokerError.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TRANSACTION));
            assertThat(broker.terminate()).isIn(0, 143);
        }
    }

    private static String[] brokerArgs(int port) {
        return new String[] {"--port", String.valueOf(port), "--host", "127.0.0.1", "--broker-id", "tx-crash-it",
                "--jdbc-url", db.jdbcUrl(), "--jdbc-user", db.user(), "--jdbc-password", db.password(),
                "--lease-ms", "2000", "--pool-size", "8"};
    }

    private static RowMQClient connect(int port) throws Exception {
        return RowMQClient.connect("127.0.0.1", port, ClientOptions.defaults().withClientId("tx-crash-it"));
    }
}
