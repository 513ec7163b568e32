package io.rowmq.jms.it;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Point-to-point messaging through the classic API against a real broker and MariaDB. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QueueMessagingIT {
    private static JmsBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new JmsBroker();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void aThousandPersistentMessagesArriveOnceEachInOrder() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("thousand");
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < 1000; i++) {
                TextMessage message = session.createTextMessage("message " + i);
                message.setIntProperty("seq", i);
                producer.send(message);
            }
            MessageConsumer consumer = session.createConsumer(queue);
            connection.start();
            Set<Integer> seen = new HashSet<>();
            int expected = 0;
            for (Message message = consumer.receive(5000); message != null; message = consumer.receive(1000)) {
                int seq = message.getIntProperty("seq");
                assertThat(seen.add(seq)).as("duplicate of %d", seq).isTrue();
                assertThat(seq).as("order").isEqualTo(expected++);
                assertThat(((TextMessage) message).getText()).isEqualTo("message " + seq);
            }
            assertThat(seen).hasSize(1000);
        }
    }

    @Test
    void headersAreSetBySendAndSeenByTheReceiver() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("headers");
            Queue replyTo = session.createQueue("headers-reply");
            TextMessage sent = session.createTextMessage("hello");
            sent.setJMSCorrelationID("corr-1");
            sent.setJMSType("greeting");
            sent.setJMSReplyTo(replyTo);
            session.createProducer(queue).send(sent, DeliveryMode.NON_PERSISTENT, 7, 60_000);
            assertThat(sent.getJMSMessageID()).startsWith("ID:");
            assertThat(sent.getJMSDestination()).isEqualTo(queue);
            connection.start();
            Message received = session.createConsumer(queue).receive(5000);
            assertThat(received).isNotNull();
            assertThat(received.getJMSMessageID()).isEqualTo(sent.getJMSMessageID());
            assertThat(received.getJMSCorrelationID()).isEqualTo("corr-1");
            assertThat(received.getJMSType()).isEqualTo("greeting");
            assertThat(received.getJMSReplyTo()).isEqualTo(replyTo);
            assertThat(received.getJMSDestination()).isEqualTo(queue);
            assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
            assertThat(received.getJMSPriority()).isEqualTo(7);
            assertThat(received.getJMSExpiration()).isGreaterThan(sent.getJMSTimestamp());
            assertThat(received.getJMSRedelivered()).isFalse();
            assertThat(received.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
        }
    }

    @Test
    void competingConsumersShareTheMessagesWithoutOverlap() throws Exception {
        try (Connection connection = broker.factory("prefetch=5").createConnection()) {
            Session producerSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = producerSession.createQueue("competing");
            MessageProducer producer = producerSession.createProducer(queue);
            for (int i = 0; i < 200; i++) {
                producer.send(producerSession.createTextMessage(Integer.toString(i)));
            }
            connection.start();
            CompletableFuture<Set<String>> first = CompletableFuture.supplyAsync(() -> drain(connection, queue));
            CompletableFuture<Set<String>> second = CompletableFuture.supplyAsync(() -> drain(connection, queue));
            Set<String> a = first.get(60, TimeUnit.SECONDS);
            Set<String> b = second.get(60, TimeUnit.SECONDS);
            assertThat(a).doesNotContainAnyElementsOf(b);
            Set<String> all = new HashSet<>(a);
            all.addAll(b);
            assertThat(all).hasSize(200);
        }
    }

    private static Set<String> drain(Connection connection, Queue queue) {
        Set<String> seen = new HashSet<>();
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageConsumer consumer = session.createConsumer(queue);
            for (Message m = consumer.receive(5000); m != null; m = consumer.receive(1000)) {
                seen.add(((TextMessage) m).getText());
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
        return seen;
    }

    @Test
    void clientAcknowledgeRecoverRedeliversWithTheFlagAndCount() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Queue queue = session.createQueue("recover");
            MessageProducer producer = session.createProducer(queue);
            producer.send(session.createTextMessage("one"));
            producer.send(session.createTextMessage("two"));
            MessageConsumer consumer = session.createConsumer(queue);
            connection.start();
            assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo("one");
            assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo("two");
            session.recover();
            Message again = consumer.receive(5000);
            assertThat(((TextMessage) again).getText()).isEqualTo("one");
            assertThat(again.getJMSRedelivered()).isTrue();
            assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
            Message twoAgain = consumer.receive(5000);
            assertThat(((TextMessage) twoAgain).getText()).isEqualTo("two");
            twoAgain.acknowledge();
            assertThat(consumer.receive(500)).isNull();
        }
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            connection.start();
            assertThat(session.createConsumer(session.createQueue("recover")).receive(500)).isNull();
        }
    }

    @Test
    void aMessageRecoveredThreeTimesIsParkedAndNotDeliveredAgain() throws Exception {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Queue queue = session.createQueue("parking");
            session.createProducer(queue).send(session.createTextMessage("poison"));
            MessageConsumer consumer = session.createConsumer(queue);
            connection.start();
            for (int attempt = 1; attempt <= 3; attempt++) {
                Message message = consumer.receive(5000);
                assertThat(message).as("delivery %d", attempt).isNotNull();
                assertThat(message.getIntProperty("JMSXDeliveryCount")).isEqualTo(attempt);
                session.recover();
            }
            assertThat(consumer.receive(1000)).as("parked after the broker's 3 attempts").isNull();
        }
        try (java.sql.Connection sql = broker.database().connect();
             java.sql.ResultSet rows = sql.createStatement().executeQuery("SELECT COUNT(*) FROM dead_letter")) {
            rows.next();
            assertThat(rows.getInt(1)).as("parked where an operator can see it").isEqualTo(1);
        }
    }

    @Test
    void unacknowledgedClientMessagesComeBackAfterTheSessionCloses() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Queue queue = session.createQueue("client-close");
            session.createProducer(queue).send(session.createTextMessage("kept"));
            connection.start();
            assertThat(session.createConsumer(queue).receive(5000)).isNotNull();
            session.close();
            Session second = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message again = second.createConsumer(queue).receive(5000);
            assertThat(again).isNotNull();
            assertThat(again.getJMSRedelivered()).isTrue();
        }
    }

    @Test
    void transactedSendsAppearOnlyOnCommitAndRollbackRedelivers() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            Session tx = connection.createSession(true, Session.SESSION_TRANSACTED);
            Session plain = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = tx.createQueue("transacted");
            MessageConsumer observer = plain.createConsumer(queue);
            connection.start();
            MessageProducer producer = tx.createProducer(queue);
            producer.send(tx.createTextMessage("a"));
            producer.send(tx.createTextMessage("b"));
            assertThat(observer.receive(300)).as("nothing before commit").isNull();
            tx.commit();
            observer.close();

            MessageConsumer consumer = tx.createConsumer(queue);
            assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo("a");
            tx.rollback();
            Message again = consumer.receive(5000);
            assertThat(((TextMessage) again).getText()).isEqualTo("a");
            assertThat(again.getJMSRedelivered()).isTrue();
            assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo("b");
            tx.commit();
            assertThat(consumer.receive(300)).isNull();
        }
    }

    @Test
    void consumeAndProduceInOneTransactionIsAllOrNothing() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            Session plain = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue in = plain.createQueue("tx-in");
            Queue out = plain.createQueue("tx-out");
            plain.createProducer(in).send(plain.createTextMessage("order"));
            Session tx = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer fromIn = tx.createConsumer(in);
            MessageProducer toOut = tx.createProducer(out);
            MessageConsumer outWatcher = plain.createConsumer(out);
            connection.start();

            TextMessage order = (TextMessage) fromIn.receive(5000);
            toOut.send(tx.createTextMessage("processed " + order.getText()));
            tx.rollback();
            assertThat(outWatcher.receive(300)).as("rolled back: nothing produced").isNull();

            order = (TextMessage) fromIn.receive(5000);
            assertThat(order.getJMSRedelivered()).as("rolled back: consumed again").isTrue();
            toOut.send(tx.createTextMessage("processed " + order.getText()));
            tx.commit();
            assertThat(((TextMessage) outWatcher.receive(5000)).getText()).isEqualTo("processed order");
            assertThat(fromIn.receive(300)).as("committed: consumed once").isNull();
        }
    }

    @Test
    void receiveTimesOutAndCloseReleasesABlockedReceive() throws Exception {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("empty"));
            connection.start();
            long start = System.nanoTime();
            assertThat(consumer.receive(300)).isNull();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(250);
            assertThat(consumer.receiveNoWait()).isNull();
            CompletableFuture<Message> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    return consumer.receive();
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200);
            consumer.close();
            assertThat(blocked.get(10, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void stoppedConnectionDeliversNothingUntilStarted() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("stopped");
            session.createProducer(queue).send(session.createTextMessage("wait"));
            MessageConsumer consumer = session.createConsumer(queue);
            assertThat(consumer.receive(300)).isNull();
            connection.start();
            assertThat(consumer.receive(5000)).isNotNull();
        }
    }

    @Test
    void expiredMessagesAreNotDelivered() throws Exception {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("expiring");
            MessageProducer producer = session.createProducer(queue);
            producer.setTimeToLive(50);
            producer.send(session.createTextMessage("gone"));
            producer.setTimeToLive(0);
            producer.send(session.createTextMessage("stays"));
            Thread.sleep(200);
            connection.start();
            MessageConsumer consumer = session.createConsumer(queue);
            assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo("stays");
            assertThat(consumer.receive(300)).isNull();
        }
    }

    @Test
    void deliveryDelayHoldsTheMessageBack() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("delayed");
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryDelay(1500);
            long sentAt = System.currentTimeMillis();
            producer.send(session.createTextMessage("later"));
            connection.start();
            MessageConsumer consumer = session.createConsumer(queue);
            Message message = consumer.receive(10_000);
            assertThat(message).isNotNull();
            assertThat(System.currentTimeMillis() - sentAt).isGreaterThanOrEqualTo(1400);
            assertThat(message.getJMSDeliveryTime()).isGreaterThanOrEqualTo(sentAt + 1500);
        }
    }
}
