package io.rowmq.jms.it;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Selectors evaluated by the broker, queue browsers, and every body type over the wire. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SelectorsBrowsersAndBodiesIT {
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
    void queueConsumersWithSelectorsEachGetTheirMessagesAndTheRestWaits() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("selected");
            MessageProducer producer = session.createProducer(queue);
            for (String colour : new String[]{"red", "blue", "red", "green", "blue"}) {
                TextMessage message = session.createTextMessage(colour);
                message.setStringProperty("colour", colour);
                producer.send(message);
            }
            MessageConsumer reds = session.createConsumer(queue, "colour = 'red'");
            MessageConsumer blues = session.createConsumer(queue, "colour IN ('blue') AND JMSPriority >= 4");
            connection.start();
            assertThat(texts(reds)).containsExactly("red", "red");
            assertThat(texts(blues)).containsExactly("blue", "blue");
            MessageConsumer anyone = session.createConsumer(queue);
            assertThat(texts(anyone)).as("the message nobody matched waited").containsExactly("green");
            assertThatThrownBy(() -> session.createConsumer(queue, "colour = "))
                    .isInstanceOf(InvalidSelectorException.class);
            assertThatThrownBy(() -> session.createConsumer(queue, "TRUE = 0"))
                    .isInstanceOf(InvalidSelectorException.class);
        }
    }

    @Test
    void durableSubscriptionWithASelectorKeepsOnlyWhatMatches() throws JMSException {
        try (Connection connection = broker.factory("clientId=selector-durable").createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("selector-topic");
            session.createDurableConsumer(topic, "big", "amount > 100", false).close();
            MessageProducer producer = session.createProducer(topic);
            for (int amount : new int[]{50, 150, 99, 1000}) {
                Message message = session.createMessage();
                message.setIntProperty("amount", amount);
                producer.send(message);
            }
            MessageConsumer consumer = session.createDurableConsumer(topic, "big", "amount > 100", false);
            connection.start();
            List<Integer> amounts = new ArrayList<>();
            for (Message m = consumer.receive(5000); m != null; m = consumer.receive(500)) {
                amounts.add(m.getIntProperty("amount"));
            }
            assertThat(amounts).containsExactly(150, 1000);
            consumer.close();
            session.unsubscribe("big");
        }
    }

    @Test
    void browserShowsWhatIsOnTheQueueWithoutTakingIt() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("browsed");
            MessageProducer producer = session.createProducer(queue);
            for (int i = 0; i < 5; i++) {
                Message message = session.createTextMessage("m" + i);
                message.setIntProperty("n", i);
                producer.send(message);
            }
            QueueBrowser all = session.createBrowser(queue);
            List<String> seen = new ArrayList<>();
            for (Object m : Collections.list(all.getEnumeration())) {
                seen.add(((TextMessage) m).getText());
            }
            assertThat(seen).containsExactlyInAnyOrder("m0", "m1", "m2", "m3", "m4");
            QueueBrowser odd = session.createBrowser(queue, "n = 1 OR n = 3");
            assertThat(Collections.list(odd.getEnumeration())).hasSize(2);
            assertThat(odd.getMessageSelector()).isEqualTo("n = 1 OR n = 3");
            connection.start();
            assertThat(texts(session.createConsumer(queue))).as("browsing took nothing").hasSize(5);
        }
    }

    @Test
    void everyBodyTypeArrivesAsSent() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("bodies");
            MessageProducer producer = session.createProducer(queue);
            BytesMessage bytes = session.createBytesMessage();
            bytes.writeInt(42);
            bytes.writeUTF("héllo");
            producer.send(bytes);
            MapMessage map = session.createMapMessage();
            map.setLong("id", 7L);
            map.setString("name", "order");
            producer.send(map);
            StreamMessage stream = session.createStreamMessage();
            stream.writeBoolean(true);
            stream.writeDouble(2.5);
            producer.send(stream);
            producer.send(session.createObjectMessage(new ArrayList<>(List.of("a", "b"))));
            producer.send(session.createTextMessage("text"));
            MessageConsumer consumer = session.createConsumer(queue);
            connection.start();
            BytesMessage gotBytes = (BytesMessage) consumer.receive(5000);
            assertThat(gotBytes.readInt()).isEqualTo(42);
            assertThat(gotBytes.readUTF()).isEqualTo("héllo");
            MapMessage gotMap = (MapMessage) consumer.receive(5000);
            assertThat(gotMap.getString("id")).isEqualTo("7");
            assertThat(gotMap.getString("name")).isEqualTo("order");
            StreamMessage gotStream = (StreamMessage) consumer.receive(5000);
            assertThat(gotStream.readBoolean()).isTrue();
            assertThat(gotStream.readDouble()).isEqualTo(2.5);
            assertThat(((ObjectMessage) consumer.receive(5000)).getObject()).isEqualTo(List.of("a", "b"));
            assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo("text");
        }
    }

    private static List<String> texts(MessageConsumer consumer) throws JMSException {
        List<String> texts = new ArrayList<>();
        for (Message m = consumer.receive(3000); m != null; m = consumer.receive(500)) {
            texts.add(((TextMessage) m).getText());
        }
        return texts;
    }
}
