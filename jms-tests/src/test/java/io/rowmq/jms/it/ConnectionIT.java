package io.rowmq.jms.it;

import io.rowmq.jms.RowMQConnectionFactory;
import io.rowmq.jms.RowMQQueue;
import io.rowmq.jms.RowMQTopic;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueRequestor;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.TopicSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.naming.Context;
import javax.naming.InitialContext;
import java.util.Hashtable;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Connections: connecting, client ids, metadata, temporary queues, JNDI and the loss of the broker. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConnectionIT {
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
    void aBrokerThatIsNotThereGivesAClearJmsException() {
        RowMQConnectionFactory factory = new RowMQConnectionFactory("rowmq://127.0.0.1:1?connectTimeoutMs=500");
        assertThatThrownBy(factory::createConnection).isInstanceOf(JMSException.class)
                .hasMessageContaining("127.0.0.1:1");
    }

    @Test
    void secondBrokerOfTheListIsTriedWhenTheFirstIsDown() throws JMSException {
        RowMQConnectionFactory factory = new RowMQConnectionFactory("rowmq://127.0.0.1:1,127.0.0.1:" + broker.port()
                + "?connectTimeoutMs=500");
        try (Connection connection = factory.createConnection()) {
            assertThat(connection.getMetaData().getJMSProviderName()).isEqualTo("RowMQ");
            assertThat(connection.getMetaData().getJMSMajorVersion()).isEqualTo(3);
        }
    }

    @Test
    void clientIdCanBeSetOnceAndOnlyFirst() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            connection.setClientID("first-id");
            assertThat(connection.getClientID()).isEqualTo("first-id");
            assertThatThrownBy(() -> connection.setClientID("second")).isInstanceOf(IllegalStateException.class);
        }
        try (Connection connection = broker.factory().createConnection()) {
            connection.createSession();
            assertThatThrownBy(() -> connection.setClientID("late")).isInstanceOf(IllegalStateException.class);
        }
        try (Connection connection = broker.factory("clientId=preset").createConnection()) {
            assertThat(connection.getClientID()).isEqualTo("preset");
            assertThatThrownBy(() -> connection.setClientID("other")).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aClientIdIsHeldByOneConnectionAtATime() throws JMSException {
        try (Connection first = broker.factory().createConnection();
             Connection second = broker.factory().createConnection()) {
            first.setClientID("unique-id");
            assertThatThrownBy(() -> second.setClientID("unique-id")).isInstanceOf(InvalidClientIDException.class);
        }
        try (Connection again = broker.factory().createConnection()) {
            again.setClientID("unique-id");
        }
    }

    @Test
    void domainSessionsRefuseTheOtherDomainsMethods() throws JMSException {
        try (QueueConnection connection = broker.factory().createQueueConnection()) {
            QueueSession queueSession = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> queueSession.createTopic("t")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> queueSession.unsubscribe("x")).isInstanceOf(IllegalStateException.class);
            TopicSession topicSession = broker.factory().createTopicConnection()
                    .createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> topicSession.createQueue("q")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(topicSession::createTemporaryQueue).isInstanceOf(IllegalStateException.class);
            topicSession.close();
        }
    }

    @Test
    void temporaryQueueServesARequestReplyAndBelongsToItsConnection() throws Exception {
        try (QueueConnection server = broker.factory().createQueueConnection();
             QueueConnection client = broker.factory().createQueueConnection()) {
            QueueSession serverSession = server.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue service = serverSession.createQueue("echo-service");
            serverSession.createConsumer(service).setMessageListener(request -> {
                try {
                    TextMessage reply = serverSession.createTextMessage("echo: " + ((TextMessage) request).getText());
                    reply.setJMSCorrelationID(request.getJMSMessageID());
                    serverSession.createProducer(request.getJMSReplyTo()).send(reply);
                } catch (JMSException e) {
                    throw new java.lang.IllegalStateException(e.getMessage());
                }
            });
            server.start();
            client.start();
            QueueSession clientSession = client.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueRequestor requestor = new QueueRequestor(clientSession, service);
            Message reply = requestor.request(clientSession.createTextMessage("ping"));
            assertThat(((TextMessage) reply).getText()).isEqualTo("echo: ping");

            TemporaryQueue temporary = clientSession.createTemporaryQueue();
            QueueSession strangerSession = server.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> strangerSession.createConsumer(temporary))
                    .isInstanceOf(InvalidDestinationException.class);
            MessageConsumer own = clientSession.createConsumer(temporary);
            assertThatThrownBy(temporary::delete).isInstanceOf(IllegalStateException.class);
            own.close();
            temporary.delete();
            requestor.close();
        }
    }

    @Test
    void exceptionListenerHearsWhenTheBrokerGoesAway() throws Exception {
        JmsBroker own = new JmsBroker();
        BlockingQueue<JMSException> heard = new ArrayBlockingQueue<>(4);
        Connection connection = own.factory().createConnection();
        connection.setExceptionListener(heard::add);
        own.close();
        JMSException error = heard.poll(10, TimeUnit.SECONDS);
        assertThat(error).isNotNull();
        assertThat(error.getMessage()).contains("lost");
        assertThatThrownBy(connection::createSession).isInstanceOf(JMSException.class).hasMessageContaining("lost");
        connection.close();
    }

    @Test
    void aConnectionWithReconnectSurvivesABrokerRestart() throws Exception {
        JmsBroker own = new JmsBroker();
        BlockingQueue<JMSException> heard = new ArrayBlockingQueue<>(4);
        BlockingQueue<String> received = new ArrayBlockingQueue<>(100);
        try (Connection connection = own.factory("reconnectAttempts=50&reconnectDelayMs=200").createConnection()) {
            connection.setExceptionListener(heard::add);
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("survivor");
            Session listening = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            listening.createConsumer(queue).setMessageListener(message -> {
                try {
                    received.add(((TextMessage) message).getText());
                } catch (JMSException e) {
                    throw new java.lang.IllegalStateException(e.getMessage());
                }
            });
            connection.start();
            var producer = session.createProducer(queue);
            producer.send(session.createTextMessage("before"));
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("before");
            own.restart();
            producer.send(session.createTextMessage("after"));
            // "before" may come again: its acknowledgement can be lost with the broker (at least once)
            String next = received.poll(30, TimeUnit.SECONDS);
            while ("before".equals(next)) {
                next = received.poll(30, TimeUnit.SECONDS);
            }
            assertThat(next).isEqualTo("after");
            assertThat(heard).as("a recovered loss is not an exception for the application").isEmpty();
        } finally {
            own.close();
        }
    }

    @Test
    void jndiPropertiesAreAllAJavaSeClientNeeds() throws Exception {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "io.rowmq.jms.jndi.RowMQInitialContextFactory");
        env.put(Context.PROVIDER_URL, broker.url());
        env.put("connectionFactory.MyFactory", "");
        env.put("connectionFactory.Durable", broker.url() + "?clientId=cts");
        env.put("queue.MY_QUEUE", "jndi-queue");
        env.put("topic.MY_TOPIC", "jndi-topic");
        Context context = new InitialContext(env);
        ConnectionFactory factory = (ConnectionFactory) context.lookup("MyFactory");
        assertThat((Object) context.lookup("MY_QUEUE")).isEqualTo(new RowMQQueue("jndi-queue"));
        assertThat((Object) context.lookup("MY_TOPIC")).isEqualTo(new RowMQTopic("jndi-topic"));
        try (Connection connection = ((ConnectionFactory) context.lookup("Durable")).createConnection()) {
            assertThat(connection.getClientID()).isEqualTo("cts");
        }
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            Queue queue = (Queue) context.lookup("MY_QUEUE");
            session.createProducer(queue).send(session.createTextMessage("via jndi"));
            connection.start();
            assertThat(((TextMessage) session.createConsumer(queue).receive(5000)).getText()).isEqualTo("via jndi");
        }
        assertThatThrownBy(() -> context.lookup("nothing")).hasMessageContaining("jndi.properties");
    }
}
