package io.rowmq.jms.it;

import io.rowmq.broker.BrokerProcess;
import io.rowmq.broker.testing.TestDatabase;
import io.rowmq.jms.RowMQXAConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** XA sessions against a real broker: one- and two-phase commit, rollback, and recovery after a SIGKILL. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class XaIT {
    private static JmsBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new JmsBroker();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** A transaction manager's branch id. */
    record TestXid(int formatId, byte[] gtrid, byte[] bqual) implements Xid {
        static TestXid of(String name) {
            return new TestXid(4711, name.getBytes(StandardCharsets.UTF_8), new byte[] {1});
        }

        @Override
        public int getFormatId() {
            return formatId;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return gtrid.clone();
        }

        @Override
        public byte[] getBranchQualifier() {
            return bqual.clone();
        }

        boolean sameAs(Xid other) {
            return other.getFormatId() == formatId && Arrays.equals(other.getGlobalTransactionId(), gtrid)
                    && Arrays.equals(other.getBranchQualifier(), bqual);
        }
    }

    @Test
    void twoPhaseCommitMakesTheSendVisibleAndRollbackRedelivers() throws Exception {
        RowMQXAConnectionFactory factory = new RowMQXAConnectionFactory(broker.url());
        try (XAConnection xaConnection = factory.createXAConnection();
             Connection plain = broker.factory().createConnection()) {
            XASession xa = xaConnection.createXASession();
            XAResource resource = xa.getXAResource();
            Queue queue = xa.createQueue("xa-two-phase");
            Session observer = plain.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer watching = observer.createConsumer(queue);
            plain.start();

            TestXid xid = TestXid.of("send-1");
            resource.start(xid, XAResource.TMNOFLAGS);
            xa.createProducer(queue).send(xa.createTextMessage("in a branch"));
            resource.end(xid, XAResource.TMSUCCESS);
            assertThat(watching.receive(300)).as("nothing before commit").isNull();
            assertThat(resource.prepare(xid)).isEqualTo(XAResource.XA_OK);
            assertThat(watching.receive(300)).as("nothing after prepare").isNull();
            resource.commit(xid, false);
            assertThat(((TextMessage) watching.receive(5000)).getText()).isEqualTo("in a branch");
            watching.close();

            observer.createProducer(queue).send(observer.createTextMessage("to consume"));
            xaConnection.start();
            MessageConsumer consumer = xa.createConsumer(queue);
            TestXid consume = TestXid.of("consume-1");
            resource.start(consume, XAResource.TMNOFLAGS);
            assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo("to consume");
            resource.end(consume, XAResource.TMSUCCESS);
            resource.rollback(consume);
            TestXid again = TestXid.of("consume-2");
            resource.start(again, XAResource.TMNOFLAGS);
            Message redelivered = consumer.receive(5000);
            assertThat(redelivered.getJMSRedelivered()).isTrue();
            resource.end(again, XAResource.TMSUCCESS);
            resource.commit(again, true);
            assertThat(consumer.receive(300)).isNull();
            assertThatThrownBy(xa::commit).isInstanceOf(TransactionInProgressException.class);
        }
    }

    @Test
    void outsideABranchAnXaSessionSendsAtOnce() throws JMSException {
        try (XAConnection xaConnection = new RowMQXAConnectionFactory(broker.url()).createXAConnection();
             Connection plain = broker.factory().createConnection()) {
            XASession xa = xaConnection.createXASession();
            Queue queue = xa.createQueue("xa-auto");
            xa.createProducer(queue).send(xa.createTextMessage("no branch"));
            Session session = plain.createSession(false, Session.AUTO_ACKNOWLEDGE);
            plain.start();
            assertThat(((TextMessage) session.createConsumer(queue).receive(5000)).getText()).isEqualTo("no branch");
        }
    }

    @Test
    void aPreparedBranchSurvivesABrokerSigkillAndIsCommittedAfterRecover() throws Exception {
        int port = BrokerProcess.freePort();
        try (TestDatabase db = TestDatabase.create()) {
            String[] args = {"--port", String.valueOf(port), "--host", "127.0.0.1", "--broker-id", "xa-crash",
                    "--jdbc-url", db.jdbcUrl(), "--jdbc-user", db.user(), "--jdbc-password", db.password(),
                    "--lease-ms", "2000", "--pool-size", "8"};
            String url = "rowmq://127.0.0.1:" + port;
            TestXid xid = TestXid.of("crash-1");
            try (BrokerProcess process = BrokerProcess.start("xa-crash-1", args)) {
                XAConnection xaConnection = new RowMQXAConnectionFactory(url).createXAConnection();
                XASession xa = xaConnection.createXASession();
                XAResource resource = xa.getXAResource();
                resource.start(xid, XAResource.TMNOFLAGS);
                xa.createProducer(xa.createQueue("xa-crash")).send(xa.createTextMessage("prepared before the kill"));
                resource.end(xid, XAResource.TMSUCCESS);
                assertThat(resource.prepare(xid)).isEqualTo(XAResource.XA_OK);
                process.kill();
                xaConnection.close();
            }
            try (BrokerProcess process = BrokerProcess.start("xa-crash-2", args);
                 XAConnection xaConnection = new RowMQXAConnectionFactory(url).createXAConnection();
                 Connection plain = new io.rowmq.jms.RowMQConnectionFactory(url).createConnection()) {
                XAResource resource = xaConnection.createXASession().getXAResource();
                Xid[] prepared = resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
                assertThat(prepared).anySatisfy(found -> assertThat(xid.sameAs(found)).isTrue());
                Session session = plain.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createQueue("xa-crash"));
                plain.start();
                assertThat(consumer.receive(500)).as("still prepared, not committed").isNull();
                resource.commit(xid, false);
                assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo("prepared before the kill");
                assertThat(consumer.receive(500)).as("delivered once").isNull();
                assertThat(resource.recover(XAResource.TMSTARTRSCAN)).noneSatisfy(
                        found -> assertThat(xid.sameAs(found)).isTrue());
                process.terminate();
            }
        }
    }
}
