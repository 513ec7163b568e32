package io.rowmq.jms.it;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MessageListeners, CompletionListeners and the simplified API. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ListenersAndContextIT {
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
    void listenerReceivesEveryMessageAndStopWaitsForIt() throws Exception {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("listened");
            List<String> got = new CopyOnWriteArrayList<>();
            CountDownLatch all = new CountDownLatch(50);
            session.createConsumer(queue).setMessageListener(message -> {
                try {
                    got.add(((TextMessage) message).getText());
                } catch (JMSException e) {
                    throw new java.lang.IllegalStateException(e.getMessage());
                }
                all.countDown();
            });
            connection.start();
            MessageProducer producer = connection.createSession().createProducer(queue);
            for (int i = 0; i < 50; i++) {
                producer.send(session.createTextMessage("m" + i));
            }
            assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(got).hasSize(50).doesNotHaveDuplicates();
            connection.stop();
        }
    }

    @Test
    void aListenerThatThrowsGetsTheMessageAgainFlaggedRedelivered() throws Exception {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("throwing");
            session.createProducer(queue).send(session.createTextMessage("once"));
            CountDownLatch second = new CountDownLatch(1);
            AtomicReference<Boolean> redelivered = new AtomicReference<>();
            session.createConsumer(queue).setMessageListener(message -> {
                try {
                    if (!message.getJMSRedelivered()) {
                        throw new RuntimeException("first attempt fails on purpose");
                    }
                    redelivered.set(true);
                    second.countDown();
                } catch (JMSException e) {
                    throw new java.lang.IllegalStateException(e.getMessage());
                }
            });
            connection.start();
            assertThat(second.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(redelivered.get()).isTrue();
        }
    }

    @Test
    void recoverInsideAListenerRedeliversTheCurrentMessage() throws Exception {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("recover-in-listener");
            session.createProducer(queue).send(session.createTextMessage("again"));
            CountDownLatch twice = new CountDownLatch(2);
            session.createConsumer(queue).setMessageListener(message -> {
                twice.countDown();
                if (twice.getCount() == 1) {
                    try {
                        session.recover();
                    } catch (JMSException e) {
                        throw new java.lang.IllegalStateException(e.getMessage());
                    }
                }
            });
            connection.start();
            assertThat(twice.await(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void closingTheOwnSessionFromItsListenerIsRefused() throws Exception {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("close-from-listener");
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            session.createConsumer(queue).setMessageListener(message -> {
                try {
                    session.close();
                } catch (Throwable e) {
                    thrown.set(e);
                }
                done.countDown();
            });
            connection.start();
            connection.createSession().createProducer(queue).send(session.createTextMessage("x"));
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(thrown.get()).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void completionListenerHearsOfEachAsyncSendInOrder() throws Exception {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("async");
            MessageProducer producer = session.createProducer(queue);
            List<String> completed = new CopyOnWriteArrayList<>();
            List<String> failures = new CopyOnWriteArrayList<>();
            CountDownLatch all = new CountDownLatch(20);
            CompletionListener listener = new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    try {
                        completed.add(((TextMessage) message).getText());
                    } catch (JMSException e) {
                        throw new java.lang.IllegalStateException(e.getMessage());
                    }
                    all.countDown();
                }

                @Override
                public void onException(Message message, Exception exception) {
                    failures.add(exception.toString());
                    all.countDown();
                }
            };
            for (int i = 0; i < 20; i++) {
                producer.send(session.createTextMessage("a" + i), listener);
            }
            assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(failures).isEmpty();
            assertThat(completed).hasSize(20);
            for (int i = 0; i < 20; i++) {
                assertThat(completed.get(i)).isEqualTo("a" + i);
            }
        }
    }

    @Test
    void aCompletionListenerMayStopButNotCloseItsConnection() throws Exception {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            AtomicReference<Throwable> stopOutcome = new AtomicReference<>();
            AtomicReference<Throwable> closeOutcome = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            session.createProducer(session.createQueue("completion-rules")).send(session.createTextMessage("x"),
                    new CompletionListener() {
                        @Override
                        public void onCompletion(Message message) {
                            try {
                                connection.stop();
                                stopOutcome.set(new AssertionError("no exception (expected)"));
                            } catch (Throwable e) {
                                stopOutcome.set(e);
                            }
                            try {
                                connection.close();
                            } catch (Throwable e) {
                                closeOutcome.set(e);
                            }
                            done.countDown();
                        }

                        @Override
                        public void onException(Message message, Exception exception) {
                            done.countDown();
                        }
                    });
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(stopOutcome.get()).isInstanceOf(AssertionError.class).hasMessageContaining("no exception");
            assertThat(closeOutcome.get()).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void simplifiedApiSendsAndReceivesBodies() {
        try (JMSContext context = broker.factory().createContext()) {
            Queue queue = context.createQueue("simplified");
            context.createProducer().setProperty("kind", "greeting").setJMSCorrelationID("c1")
                    .send(queue, "hello");
            JMSConsumer consumer = context.createConsumer(queue);
            Message received = consumer.receive(5000);
            assertThat(received).isNotNull();
            context.createProducer().send(queue, "second");
            assertThatThrownBy(() -> consumer.receiveBody(Integer.class, 5000))
                    .isInstanceOf(MessageFormatRuntimeException.class);
            assertThat(consumer.receiveBody(String.class, 5000)).isEqualTo("second");
            assertThat(consumer.receiveBodyNoWait(String.class)).isNull();
        }
    }

    @Test
    void siblingContextsShareTheConnectionAndTheLastClosesIt() {
        JMSContext first = broker.factory().createContext();
        JMSContext second = first.createContext(JMSContext.SESSION_TRANSACTED);
        Queue queue = first.createQueue("siblings");
        second.createProducer().send(queue, "in a transaction");
        JMSConsumer consumer = first.createConsumer(queue);
        assertThat(consumer.receiveNoWait()).isNull();
        second.commit();
        assertThat(consumer.receiveBody(String.class, 5000)).isEqualTo("in a transaction");
        first.close();
        second.createProducer().send(queue, "still open");
        second.close();
        assertThatThrownBy(() -> second.createProducer()).isInstanceOf(IllegalStateRuntimeException.class);
    }

    @Test
    void clientAcknowledgeThroughTheContext() throws JMSException {
        try (JMSContext context = broker.factory().createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            Queue queue = context.createQueue("context-client-ack");
            context.createProducer().send(queue, "ack me");
            JMSConsumer consumer = context.createConsumer(queue);
            assertThat(consumer.receive(5000)).isNotNull();
            context.recover();
            Message again = consumer.receive(5000);
            assertThat(again.getJMSRedelivered()).isTrue();
            context.acknowledge();
            assertThat(consumer.receive(300)).isNull();
        }
    }
}
