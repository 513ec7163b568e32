package io.rowmq.jms.it;

import io.rowmq.broker.BrokerProcess;
import io.rowmq.broker.testing.TestDatabase;
import io.rowmq.jms.RowMQConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A durable subscription survives a broker killed with SIGKILL: every message whose send was
 * confirmed before the kill is delivered to the subscription after the restart, none twice.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class BrokerCrashDurableIT {

    @Test
    void confirmedMessagesReachTheDurableSubscriptionAfterASigkill() throws Exception {
        int port = BrokerProcess.freePort();
        try (TestDatabase db = TestDatabase.create()) {
            String[] args = {"--port", String.valueOf(port), "--host", "127.0.0.1", "--broker-id", "jms-crash",
                    "--jdbc-url", db.jdbcUrl(), "--jdbc-user", db.user(), "--jdbc-password", db.password(),
                    "--lease-ms", "2000", "--pool-size", "8"};
            RowMQConnectionFactory factory = new RowMQConnectionFactory("rowmq://127.0.0.1:" + port
                    + "?clientId=crash-client");
            List<String> confirmed = new ArrayList<>();
            try (BrokerProcess broker = BrokerProcess.start("jms-crash-1", args)) {
                try (Connection connection = factory.createConnection()) {
                    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    Topic topic = session.createTopic("crash-topic");
                    session.createDurableConsumer(topic, "ledger").close();
                    MessageProducer producer = session.createProducer(topic);
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    for (int i = 0; i < 200; i++) {
                        producer.send(session.createTextMessage("entry " + i));
                        confirmed.add("entry " + i);
                    }
                }
                broker.kill();
            }
            try (BrokerProcess broker = BrokerProcess.start("jms-crash-2", args);
                 Connection connection = factory.createConnection()) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = session.createDurableConsumer(session.createTopic("crash-topic"),
                        "ledger");
                connection.start();
                List<String> received = new ArrayList<>();
                for (Message m = consumer.receive(10_000); m != null; m = consumer.receive(2_000)) {
                    received.add(((TextMessage) m).getText());
                }
                assertThat(received).containsExactlyElementsOf(confirmed);
                broker.terminate();
            } catch (JMSException e) {
                throw new AssertionError("JMS failed after the restart", e);
            }
        }
    }
}
