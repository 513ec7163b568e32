package io.rowmq.broker.net;

import io.rowmq.jms.provider.RowMQClient;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.Frame;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.MessageRef;
import io.rowmq.protocol.TransactionAck;
import io.rowmq.protocol.TransactionSend;
import io.rowmq.protocol.TransactionWork;
import io.rowmq.protocol.TransactionXid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The transaction frames between the real client and a real server, engine and database. */
@Timeout(120)
class TransactionRoundTripIT {
    private static ServerFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ServerFixture(Frame.DEFAULT_MAX_FRAME_SIZE);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aConsumedMessageAndTheRecordsProducedFromItCommitTogether() throws Exception {
        try (RowMQClient client = fixture.connect()) {
            client.createTopic("rt-in", 1, 0).get(30, TimeUnit.SECONDS);
            client.createTopic("rt-out", 2, 0).get(30, TimeUnit.SECONDS);
            client.produce("rt-in", 0, 0, 0, List.of(BrokerRoundTripIT.record("rt-in", 1))).get(30, TimeUnit.SECONDS);
            long consumer = client.subscribe("rt-in", "workers", GroupKind.QUEUE, null, false).get(30, TimeUnit.SECONDS);
            List<Delivery> got = client.fetch(consumer, 10, 5_000).get(30, TimeUnit.SECONDS);
            assertThat(got).hasSize(1);

            client.commitTransaction(new TransactionWork(
                    List.of(new TransactionSend("rt-out", -1, List.of(BrokerRoundTripIT.record("rt-out", 1),
                            BrokerRoundTripIT.record("rt-out", 2)))),
                    List.of(new TransactionAck(consumer, List.of(got.get(0).ref()))))).get(30, TimeUnit.SECONDS);

            long reader = client.subscribe("rt-out", "readers", GroupKind.QUEUE, null, false).get(30, TimeUnit.SECONDS);
            assertThat(BrokerRoundTripIT.fetchAll(client, reader, 2)).hasSize(2);
            long other = client.subscribe("rt-in", "workers", GroupKind.QUEUE, null, false).get(30, TimeUnit.SECONDS);
            client.closeConsumer(consumer).get(30, TimeUnit.SECONDS);
            assertThat(client.fetch(other, 10, 200).get(30, TimeUnit.SECONDS)).as("settled by the commit").isEmpty();
        }
    }

    @Test
    void aTransactionMayOnlyAcknowledgeDeliveriesOfItsOwnConnection() throws Exception {
        try (RowMQClient owner = fixture.connect(); RowMQClient stranger = fixture.connect()) {
            owner.createTopic("rt-own", 1, 0).get(30, TimeUnit.SECONDS);
            long consumer = owner.subscribe("rt-own", "g", GroupKind.QUEUE, null, false).get(30, TimeUnit.SECONDS);
            TransactionWork work = new TransactionWork(List.of(),
                    List.of(new TransactionAck(consumer, List.of(new MessageRef(0, 1)))));
            assertBrokerError(() -> stranger.commitTransaction(work).get(30, TimeUnit.SECONDS),
                    ErrorCode.UNKNOWN_CONSUMER, "is not open on connection");
        }
    }

    @Test
    void aBranchIsPreparedListedAndEndedAndAnUnknownXidIsReported() throws Exception {
        TransactionXid xid = new TransactionXid(99, "gtrid-rt".getBytes(StandardCharsets.UTF_8), new byte[] {1});
        try (RowMQClient client = fixture.connect()) {
            assertBrokerError(() -> client.endTransaction(xid, true).get(30, TimeUnit.SECONDS),
                    ErrorCode.UNKNOWN_TRANSACTION, "No prepared transaction branch");
            client.prepareTransaction(xid, new TransactionWork(List.of(new TransactionSend("rt-xa", 0,
                    List.of(BrokerRoundTripIT.record("rt-xa", 1)))), List.of())).get(30, TimeUnit.SECONDS);
            assertThat(client.recoverTransactions().get(30, TimeUnit.SECONDS)).containsExactly(xid);
            client.endTransaction(xid, false).get(30, TimeUnit.SECONDS);
            assertThat(client.recoverTransactions().get(30, TimeUnit.SECONDS)).isEmpty();
            long reader = client.subscribe("rt-xa", "g", GroupKind.QUEUE, null, false).get(30, TimeUnit.SECONDS);
            assertThat(client.fetch(reader, 10, 200).get(30, TimeUnit.SECONDS)).as("rolled back").isEmpty();
        }
    }

    private static void assertBrokerError(ThrowingCall call, ErrorCode code, String message) {
        assertThatThrownBy(call::run).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOfSatisfying(BrokerError.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(message);
    }

    private interface ThrowingCall {
        void run() throws Exception;
    }
}
