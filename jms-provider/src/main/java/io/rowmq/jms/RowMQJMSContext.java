package io.rowmq.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

import static io.rowmq.jms.JmsErrors.unchecked;
import static io.rowmq.jms.JmsErrors.uncheckedRun;

/**
 * The simplified API: one connection (shared with sibling contexts made by
 * {@link #createContext(int)}, closed with the last of them) and one session, created on first
 * use so that {@link #setClientID(String)} can still be called right after creation.
 */
class RowMQJMSContext implements JMSContext {
    private final RowMQConnection connection;
    private final AtomicInteger connectionUsers;
    private final int sessionMode;
    private RowMQSession session;
    private MessageProducer sharedProducer;
    private volatile boolean autoStart = true;
    private volatile boolean closed;

    RowMQJMSContext(RowMQConnection connection, int sessionMode, boolean ownsConnection) {
        this(connection, new AtomicInteger(1), sessionMode);
    }

    private RowMQJMSContext(RowMQConnection connection, AtomicInteger connectionUsers, int sessionMode) {
        this.connection = connection;
        this.connectionUsers = connectionUsers;
        this.sessionMode = sessionMode;
    }

    static void checkSessionMode(int mode) {
        if (mode < Session.SESSION_TRANSACTED || mode > Session.DUPS_OK_ACKNOWLEDGE) {
            throw new JMSRuntimeException("Invalid session mode " + mode + " (expected AUTO_ACKNOWLEDGE=1,"
                    + " CLIENT_ACKNOWLEDGE=2, DUPS_OK_ACKNOWLEDGE=3 or SESSION_TRANSACTED=0)", "INVALID_MODE");
        }
    }

    synchronized RowMQSession session() {
        checkOpen();
        if (session == null) {
            session = newSession();
        }
        return session;
    }

    /** The context's one session, created on first use. */
    RowMQSession newSession() {
        return (RowMQSession) unchecked(() -> connection.createSession(sessionMode));
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateRuntimeException("JMSContext is closed");
        }
    }

    RowMQConnection connection() {
        return connection;
    }

    /** The context's one producer without destination, shared by its JMSProducers. */
    synchronized MessageProducer sharedProducer() {
        if (sharedProducer == null) {
            sharedProducer = unchecked(() -> session().createProducer(null));
        }
        return sharedProducer;
    }

    @Override
    public JMSContext createContext(int mode) {
        checkOpen();
        checkSessionMode(mode);
        connectionUsers.incrementAndGet();
        return new RowMQJMSContext(connection, connectionUsers, mode);
    }

    @Override
    public JMSProducer createProducer() {
        session();
        return new RowMQJMSProducer(this);
    }

    @Override
    public String getClientID() {
        checkOpen();
        return unchecked(connection::getClientID);
    }

    @Override
    public void setClientID(String clientID) {
        checkOpen();
        uncheckedRun(() -> connection.setClientID(clientID));
    }

    @Override
    public ConnectionMetaData getMetaData() {
        checkOpen();
        return unchecked(connection::getMetaData);
    }

    @Override
    public ExceptionListener getExceptionListener() {
        checkOpen();
        return unchecked(connection::getExceptionListener);
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        checkOpen();
        uncheckedRun(() -> connection.setExceptionListener(listener));
    }

    @Override
    public void start() {
        checkOpen();
        uncheckedRun(connection::start);
    }

    @Override
    public void stop() {
        checkOpen();
        uncheckedRun(connection::stop);
    }

    @Override
    public void setAutoStart(boolean autoStart) {
        checkOpen();
        this.autoStart = autoStart;
    }

    @Override
    public boolean getAutoStart() {
        checkOpen();
        return autoStart;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (ConnectionDeliveryThreads.inListenerOf(connection)) {
            throw new IllegalStateRuntimeException("JMSContext.close must not be called from a MessageListener or"
                    + " CompletionListener of the same context (it would wait for itself)");
        }
        RowMQSession own;
        synchronized (this) {
            closed = true;
            own = session;
        }
        if (own != null) {
            uncheckedRun(own::close);
        }
        if (connectionUsers.decrementAndGet() == 0) {
            uncheckedRun(connection::close);
        }
    }

    @Override
    public BytesMessage createBytesMessage() {
        return unchecked(() -> session().createBytesMessage());
    }

    @Override
    public MapMessage createMapMessage() {
        return unchecked(() -> session().createMapMessage());
    }

    @Override
    public Message createMessage() {
        return unchecked(() -> session().createMessage());
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return unchecked(() -> session().createObjectMessage());
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return unchecked(() -> session().createObjectMessage(object));
    }

    @Override
    public StreamMessage createStreamMessage() {
        return unchecked(() -> session().createStreamMessage());
    }

    @Override
    public TextMessage createTextMessage() {
        return unchecked(() -> session().createTextMessage());
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return unchecked(() -> session().createTextMessage(text));
    }

    @Override
    public boolean getTransacted() {
        return unchecked(() -> session().getTransacted());
    }

    @Override
    public int getSessionMode() {
        checkOpen();
        return sessionMode;
    }

    @Override
    public void commit() {
        uncheckedRun(() -> session().commit());
    }

    @Override
    public void rollback() {
        uncheckedRun(() -> session().rollback());
    }

    @Override
    public void recover() {
        uncheckedRun(() -> session().recover());
    }

    private JMSConsumer consumer(MessageConsumer consumer) {
        if (autoStart) {
            uncheckedRun(connection::start);
        }
        return new RowMQJMSConsumer((RowMQMessageConsumer) consumer);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return consumer(unchecked(() -> session().createConsumer(destination)));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector) {
        return consumer(unchecked(() -> session().createConsumer(destination, messageSelector)));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal) {
        return consumer(unchecked(() -> session().createConsumer(destination, messageSelector, noLocal)));
    }

    @Override
    public Queue createQueue(String queueName) {
        return unchecked(() -> session().createQueue(queueName));
    }

    @Override
    public Topic createTopic(String topicName) {
        return unchecked(() -> session().createTopic(topicName));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return consumer(unchecked(() -> session().createDurableConsumer(topic, name)));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal) {
        return consumer(unchecked(() -> session().createDurableConsumer(topic, name, messageSelector, noLocal)));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return consumer(unchecked(() -> session().createSharedDurableConsumer(topic, name)));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector) {
        return consumer(unchecked(() -> session().createSharedDurableConsumer(topic, name, messageSelector)));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) {
        return consumer(unchecked(() -> session().createSharedConsumer(topic, sharedSubscriptionName)));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector) {
        return consumer(unchecked(() -> session().createSharedConsumer(topic, sharedSubscriptionName,
                messageSelector)));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        return unchecked(() -> session().createBrowser(queue));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) {
        return unchecked(() -> session().createBrowser(queue, messageSelector));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return unchecked(() -> session().createTemporaryQueue());
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return unchecked(() -> session().createTemporaryTopic());
    }

    @Override
    public void unsubscribe(String name) {
        uncheckedRun(() -> session().unsubscribe(name));
    }

    @Override
    public void acknowledge() {
        RowMQSession own = session();
        if (own.mode() == Session.CLIENT_ACKNOWLEDGE) {
            uncheckedRun(own::acknowledgeAll);
        }
    }
}
