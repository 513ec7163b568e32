package io.rowmq.broker.engine;

import io.rowmq.broker.MySqlBrokerEngine;
import io.rowmq.broker.testing.EngineFixture;
import io.rowmq.broker.tx.TransactionCoordinator.CrashPoint;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.MessageRef;
import io.rowmq.protocol.TransactionAck;
import io.rowmq.protocol.TransactionSend;
import io.rowmq.protocol.TransactionWork;
import io.rowmq.protocol.TransactionXid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import static io.rowmq.broker.testing.TestRecords.messageId;
import static io.rowmq.broker.testing.TestRecords.record;
import static io.rowmq.broker.testing.TestRecords.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Broker-side transactions on the real engine and MariaDB (docs/decisions.md D16): consume and
 * produce atomically, in one phase or as an XA branch, across restarts and crashes half-way.
 */
@Timeout(120)
class EngineTransactionIT {
    private static final TransactionXid XID = new TransactionXid(7, bytes("global-1"), bytes("branch-1"));

    private EngineFixture fixture;
    private MySqlBrokerEngine engine;

    @BeforeEach
    void start() {
        fixture = new EngineFixture();
        engine = fixture.start();
        engine.createTopic("in", 1, 0).join();
        engine.createTopic("out-a", 2, 0).join();
        engine.createTopic("out-b", 1, 0).join();
        engine.append("in", 0, 0, 0, records("in", 3)).join();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aOnePhaseCommitSendsToTwoTopicsAndSettlesItsAcknowledgementsTogether() throws Exception {
        long consumer = subscribe(engine, "in");
        List<Delivery> got = engine.fetch(consumer, 10, 0).join();
        assertThat(got).hasSize(3);

        engine.commitTransaction(work(consumer, got.subList(0, 2), "a", "b")).join();

        assertThat(receive(engine, "out-a", 2)).containsExactly("a0", "a1");
        assertThat(receive(engine, "out-b", 1)).containsExactly("b0");
        awaitForgotten();
        assertThat(rows("tx_send") + rows("tx_ack")).as("transaction forgotten once applied").isZero();
        assertThat(rows("producer")).as("applied-marks deleted with the transaction").isZero();

        engine.closeConsumer(consumer).join();
        long next = subscribe(engine, "in");
        List<Delivery> again = engine.fetch(next, 10, 0).join();
        assertThat(again).extracting(d -> messageId(d.record())).as("only the unacknowledged message comes back")
                .containsExactly("in2");
        assertThat(again.get(0).deliveryCount()).isEqualTo(2);
    }

    @Test
    void acknowledgedMessagesOfACommittedTransactionAreNotRedeliveredAfterARestart() {
        long consumer = subscribe(engine, "in");
        List<Delivery> got = engine.fetch(consumer, 10, 0).join();
        engine.commitTransaction(work(consumer, got.subList(0, 2), "a")).join();
        engine.close();

        MySqlBrokerEngine restarted = fixture.start();
        long next = subscribe(restarted, "in");
        assertThat(restarted.fetch(next, 10, 0).join()).extracting(d -> messageId(d.record())).containsExactly("in2");
    }

    @Test
    void anAcknowledgementOfAMessageTheConsumerNoLongerHoldsRollsBackTheWholeTransaction() throws Exception {
        long consumer = subscribe(engine, "in");
        List<Delivery> got = engine.fetch(consumer, 10, 0).join();
        engine.ack(consumer, List.of(got.get(0).ref())).join();

        assertThatThrownBy(() -> engine.commitTransaction(work(consumer, got.subList(0, 2), "a")).join())
                .isInstanceOf(CompletionException.class).cause()
                .isInstanceOfSatisfying(BrokerError.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TRANSACTION_ROLLED_BACK))
                .hasMessageContaining("offset " + got.get(0).offset() + " is not held by consumer " + consumer);

        assertThat(rows("tx") + rows("q_" + topicId("out-a") + "_0") + rows("q_" + topicId("out-a") + "_1")).isZero();
        long other = subscribe(engine, "in");
        assertThat(engine.fetch(other, 10, 0).join()).as("the other messages stay with their consumer").isEmpty();
        engine.release(consumer, List.of(got.get(1).ref(), got.get(2).ref()), "rolled back", true).join();
        List<Delivery> back = engine.fetch(other, 10, 0).join();
        assertThat(back).extracting(d -> messageId(d.record())).containsExactly("in1", "in2");
        assertThat(back).allSatisfy(d -> assertThat(d.deliveryCount()).isEqualTo(2));
    }

    @Test
    void aCommitRecordedButNotAppliedBeforeACrashIsAppliedOnRestart() throws Exception {
        long consumer = subscribe(engine, "in");
        List<Delivery> got = engine.fetch(consumer, 10, 0).join();
        engine.transactions().crashAt(CrashPoint.AFTER_RECORD);
        engine.commitTransaction(work(consumer, got.subList(0, 1), "a", "b")).join();
        assertThat(rows("tx")).isEqualTo(1);
        long other = subscribe(engine, "in");
        engine.closeConsumer(consumer).join();
        assertThat(engine.fetch(other, 10, 0).join()).extracting(d -> messageId(d.record()))
                .as("the acknowledged message stays with the transaction").containsExactly("in1", "in2");
        engine.close();

        MySqlBrokerEngine restarted = fixture.start();
        assertThat(receive(restarted, "out-a", 2)).containsExactly("a0", "a1");
        assertThat(receive(restarted, "out-b", 1)).containsExactly("b0");
        long next = subscribe(restarted, "in");
        assertThat(restarted.fetch(next, 10, 0).join()).extracting(d -> messageId(d.record()))
                .containsExactly("in1", "in2");
        awaitForgotten();
    }

    @Test
    void applyingATransactionAgainAfterACrashWritesNothingTwice() throws Exception {
        long consumer = subscribe(engine, "in");
        List<Delivery> got = engine.fetch(consumer, 10, 0).join();
        engine.transactions().crashAt(CrashPoint.AFTER_APPLY);
        engine.commitTransaction(work(consumer, got.subList(0, 1), "a", "b")).join();
        long applied = rows("q_" + topicId("out-a") + "_0") + rows("q_" + topicId("out-a") + "_1")
                + rows("q_" + topicId("out-b") + "_0");
        assertThat(applied).isEqualTo(3);
        Thread.sleep(200);
        assertThat(rows("tx")).as("not forgotten: the crash came first").isEqualTo(1);
        engine.close();

        MySqlBrokerEngine restarted = fixture.start();
        awaitForgotten();
        assertThat(rows("q_" + topicId("out-a") + "_0") + rows("q_" + topicId("out-a") + "_1")
                + rows("q_" + topicId("out-b") + "_0")).as("rows after applying again").isEqualTo(3);
        assertThat(receive(restarted, "out-a", 2)).containsExactly("a0", "a1");
        long reader = subscribe(restarted, "out-a");
        assertThat(restarted.fetch(reader, 10, 0).join()).isEmpty();
    }

    @Test
    void aPreparedBranchSurvivesARestartKeepsItsMessagesAndCommitsOnce() throws Exception {
        long consumer = subscribe(engine, "in");
        List<Delivery> got = engine.fetch(consumer, 10, 0).join();
        engine.prepareTransaction(XID, work(consumer, got.subList(0, 1), "a", "b")).join();
        long reader = subscribe(engine, "out-a");
        assertThat(engine.fetch(reader, 10, 0).join()).as("nothing visible while prepared").isEmpty();
        engine.close();

        MySqlBrokerEngine restarted = fixture.start();
        assertThat(restarted.recoverTransactions().join()).containsExactly(XID);
        long other = subscribe(restarted, "in");
        assertThat(restarted.fetch(other, 10, 0).join()).extracting(d -> messageId(d.record()))
                .as("the prepared acknowledgement keeps its message out of delivery").containsExactly("in1", "in2");

        restarted.endTransaction(XID, true).join();
        assertThat(receive(restarted, "out-a", 2)).containsExactly("a0", "a1");
        assertThat(receive(restarted, "out-b", 1)).containsExactly("b0");
        assertThat(restarted.recoverTransactions().join()).isEmpty();
        awaitForgotten();
        restarted.closeConsumer(other).join();
        long last = subscribe(restarted, "in");
        assertThat(restarted.fetch(last, 10, 0).join()).extracting(d -> messageId(d.record()))
                .containsExactly("in1", "in2");
    }

    @Test
    void aRolledBackBranchDiscardsItsSendsAndRedeliversItsMessagesWithTheCountRaised() throws Exception {
        long consumer = subscribe(engine, "in");
        List<Delivery> got = engine.fetch(consumer, 10, 0).join();
        engine.prepareTransaction(XID, work(consumer, got.subList(0, 2), "a")).join();
        engine.endTransaction(XID, false).join();

        assertThat(rows("tx") + rows("tx_send") + rows("tx_ack")).isZero();
        long reader = subscribe(engine, "out-a");
        assertThat(engine.fetch(reader, 10, 0).join()).isEmpty();
        List<Delivery> again = engine.fetch(consumer, 10, 0).join();
        assertThat(again).extracting(d -> messageId(d.record())).containsExactly("in0", "in1");
        assertThat(again).allSatisfy(d -> assertThat(d.deliveryCount()).isEqualTo(2));
    }

    @Test
    void aBranchRolledBackAfterARestartRedeliversItsMessagesWithTheCountRaised() {
        long consumer = subscribe(engine, "in");
        List<Delivery> got = engine.fetch(consumer, 10, 0).join();
        engine.prepareTransaction(XID, work(consumer, got.subList(0, 1), "a")).join();
        engine.close();

        MySqlBrokerEngine restarted = fixture.start();
        restarted.endTransaction(XID, false).join();
        long next = subscribe(restarted, "in");
        List<Delivery> again = restarted.fetch(next, 10, 0).join();
        assertThat(again).extracting(d -> messageId(d.record())).containsExactly("in0", "in1", "in2");
        assertThat(again.get(0).deliveryCount()).as("delivered, then rolled back").isEqualTo(2);
    }

    @Test
    void anUnknownOrRepeatedXidIsRefused() {
        assertThatThrownBy(() -> engine.endTransaction(XID, true).join()).cause()
                .isInstanceOfSatisfying(BrokerError.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TRANSACTION))
                .hasMessageContaining("Xid[7:");
        engine.prepareTransaction(XID, work(0, List.of(), "a")).join();
        assertThatThrownBy(() -> engine.prepareTransaction(XID, work(0, List.of(), "b")).join()).cause()
                .isInstanceOfSatisfying(BrokerError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("is already prepared");
        engine.endTransaction(XID, false).join();
        assertThatThrownBy(() -> engine.endTransaction(XID, false).join()).cause()
                .isInstanceOfSatisfying(BrokerError.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TRANSACTION));
    }

    @Test
    void negativeProducerIdsAreReservedForTransactions() {
        assertThatThrownBy(() -> engine.append("out-b", 0, -5, 0, records("x", 1)).join()).cause()
                .isInstanceOfSatisfying(BrokerError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("reserved for transactions");
    }

    /** Sends two records to out-a (broker picks the queue) and one to out-b per prefix, acknowledging {@code acked}. */
    private static TransactionWork work(long consumer, List<Delivery> acked, String... prefixes) {
        List<TransactionSend> sends = new ArrayList<>();
        for (String prefix : prefixes) {
            String topic = prefix.equals("a") ? "out-a" : "out-b";
            int count = prefix.equals("a") ? 2 : 1;
            for (int i = 0; i < count; i++) {
                sends.add(new TransactionSend(topic, topic.equals("out-a") ? -1 : 0, List.of(record(prefix + i))));
            }
        }
        List<MessageRef> refs = acked.stream().map(Delivery::ref).toList();
        return new TransactionWork(sends, refs.isEmpty() ? List.of() : List.of(new TransactionAck(consumer, refs)));
    }

    private static long subscribe(MySqlBrokerEngine engine, String topic) {
        return engine.subscribe(topic, "g-" + topic, GroupKind.QUEUE, null, false).join().consumerId();
    }

    /** Receives (and acknowledges) until {@code count} messages came, in delivery order. */
    private static List<String> receive(MySqlBrokerEngine engine, String topic, int count) {
        long consumer = subscribe(engine, topic);
        List<String> ids = new ArrayList<>();
        while (ids.size() < count) {
            List<Delivery> batch = engine.fetch(consumer, 10, 60_000).join();
            batch.forEach(d -> ids.add(messageId(d.record())));
            engine.ack(consumer, batch.stream().map(Delivery::ref).toList()).join();
        }
        engine.closeConsumer(consumer).join();
        return ids;
    }

    private void awaitForgotten() throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (rows("tx") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(rows("tx")).as("transactions left to apply").isZero();
    }

    private long topicId(String name) throws Exception {
        try (Connection connection = fixture.database().connect();
             ResultSet row = connection.createStatement().executeQuery("SELECT id FROM topic WHERE name = '" + name
                     + "'")) {
            row.next();
            return row.getLong(1);
        }
    }

    private long rows(String table) throws Exception {
        try (Connection connection = fixture.database().connect();
             ResultSet count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            count.next();
            return count.getLong(1);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
