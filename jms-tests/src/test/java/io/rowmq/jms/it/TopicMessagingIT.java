package io.rowmq.jms.it;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Publish/subscribe: non-durable, durable, shared subscriptions and noLocal. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TopicMessagingIT {
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
    void everySubscriberGetsEveryMessagePublishedAfterItSubscribed() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("news");
            MessageProducer producer = session.createProducer(topic);
            producer.send(session.createTextMessage("before anyone listens"));
            MessageConsumer first = session.createConsumer(topic);
            MessageConsumer second = session.createConsumer(topic);
            connection.start();
            for (int i = 0; i < 10; i++) {
                producer.send(session.createTextMessage("news " + i));
            }
            assertThat(texts(first, 10)).containsExactly(expected(10));
            assertThat(texts(second, 10)).containsExactly(expected(10));
            assertThat(first.receive(200)).isNull();
        }
    }

    @Test
    void aQueueAndATopicOfTheSameNameAreSeparate() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer topicConsumer = session.createConsumer(session.createTopic("same-name"));
            MessageConsumer queueConsumer = session.createConsumer(session.createQueue("same-name"));
            connection.start();
            session.createProducer(session.createQueue("same-name")).send(session.createTextMessage("to the queue"));
            assertThat(((TextMessage) queueConsumer.receive(5000)).getText()).isEqualTo("to the queue");
            assertThat(topicConsumer.receive(300)).isNull();
        }
    }

    @Test
    void durableSubscriptionKeepsMessagesWhileTheClientIsAway() throws JMSException {
        String clientId = "durable-client";
        try (Connection connection = broker.factory().createConnection()) {
            connection.setClientID(clientId);
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("orders");
            session.createDurableConsumer(topic, "audit").close();
        }
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createTopic("orders"));
            for (int i = 0; i < 5; i++) {
                producer.send(session.createTextMessage("news " + i));
            }
        }
        try (Connection connection = broker.factory().createConnection()) {
            connection.setClientID(clientId);
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createDurableConsumer(session.createTopic("orders"), "audit");
            connection.start();
            assertThat(texts(consumer, 5)).containsExactly(expected(5));
            consumer.close();
            session.unsubscribe("audit");
            assertThatThrownBy(() -> session.unsubscribe("audit")).isInstanceOf(InvalidDestinationException.class);
        }
    }

    @Test
    void durableSubscriptionSurvivesABrokerRestart() throws JMSException {
        try (Connection connection = broker.factory("clientId=restart-client").createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("restart-topic");
            session.createDurableSubscriber(topic, "sub").close();
            MessageProducer producer = session.createProducer(topic);
            for (int i = 0; i < 3; i++) {
                producer.send(session.createTextMessage("news " + i));
            }
        }
        broker.restart();
        try (Connection connection = broker.factory("clientId=restart-client").createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createDurableSubscriber(session.createTopic("restart-topic"), "sub");
            connection.start();
            assertThat(texts(consumer, 3)).containsExactly(expected(3));
        }
    }

    @Test
    void unsharedDurableSubscriptionAllowsOneConsumerAndNeedsAClientId() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("one-consumer");
            assertThatThrownBy(() -> session.createDurableConsumer(topic, "x"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("client id");
        }
        try (Connection connection = broker.factory("clientId=one-consumer-client").createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("one-consumer");
            MessageConsumer first = session.createDurableConsumer(topic, "x");
            assertThatThrownBy(() -> session.createDurableConsumer(topic, "x"))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> session.unsubscribe("x")).isInstanceOf(IllegalStateException.class);
            first.close();
            session.unsubscribe("x");
        }
    }

    @Test
    void sharedSubscriptionSplitsMessagesBetweenItsConsumers() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("shared-topic");
            MessageConsumer a = session.createSharedConsumer(topic, "workers");
            MessageConsumer b = session.createSharedConsumer(topic, "workers");
            MessageConsumer other = session.createConsumer(topic);
            connection.start();
            MessageProducer producer = session.createProducer(topic);
            for (int i = 0; i < 20; i++) {
                producer.send(session.createTextMessage("job " + i));
            }
            List<String> got = new ArrayList<>();
            got.addAll(drain(a));
            got.addAll(drain(b));
            assertThat(got).hasSize(20).doesNotHaveDuplicates();
            assertThat(drain(other)).hasSize(20);
        }
    }

    @Test
    void noLocalSubscriberIgnoresItsOwnConnectionsMessages() throws JMSException {
        try (Connection mine = broker.factory().createConnection();
             Connection theirs = broker.factory().createConnection()) {
            Session session = mine.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("no-local");
            MessageConsumer consumer = session.createConsumer(topic, null, true);
            mine.start();
            session.createProducer(topic).send(session.createTextMessage("mine"));
            Session other = theirs.createSession(false, Session.AUTO_ACKNOWLEDGE);
            other.createProducer(topic).send(other.createTextMessage("theirs"));
            assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo("theirs");
            assertThat(consumer.receive(300)).isNull();
        }
    }

    @Test
    void changingNoLocalOfADurableSubscriptionMakesItANewOne() throws JMSException {
        try (Connection connection = broker.factory("clientId=no-local-durable").createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("no-local-durable");
            MessageConsumer noLocal = session.createDurableSubscriber(topic, "nl", null, true);
            connection.start();
            MessageProducer producer = session.createProducer(topic);
            producer.send(session.createTextMessage("own"));
            assertThat(noLocal.receive(300)).isNull();
            producer.send(session.createTextMessage("own, while the noLocal consumer is open"));
            noLocal.close();
            MessageConsumer local = session.createDurableSubscriber(topic, "nl", null, false);
            assertThat(local.receive(500)).as("a changed subscription starts afresh").isNull();
            producer.send(session.createTextMessage("after"));
            assertThat(((TextMessage) local.receive(5000)).getText()).isEqualTo("after");
            local.close();
            session.unsubscribe("nl");
        }
    }

    private static List<String> drain(MessageConsumer consumer) throws JMSException {
        List<String> texts = new ArrayList<>();
        for (Message m = consumer.receive(2000); m != null; m = consumer.receive(500)) {
            texts.add(((TextMessage) m).getText());
        }
        return texts;
    }

    private static List<String> texts(MessageConsumer consumer, int count) throws JMSException {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = consumer.receive(5000);
            assertThat(message).as("message %d of %d", i + 1, count).isNotNull();
            texts.add(((TextMessage) message).getText());
        }
        return texts;
    }

    private static String[] expected(int count) {
        String[] texts = new String[count];
        for (int i = 0; i < count; i++) {
            texts[i] = "news " + i;
        }
        return texts;
    }
}
