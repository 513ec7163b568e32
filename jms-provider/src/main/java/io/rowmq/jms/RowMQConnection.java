package io.rowmq.jms;

import io.rowmq.jms.provider.ClientOptions;
import io.rowmq.jms.provider.RowMQClient;
import io.rowmq.jms.provider.Transport;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.ErrorCode;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A JMS connection: one broker connection ({@link Transport}) shared by its sessions. Owns the
 * client id, the started/stopped state, temporary destinations and the exception listener.
 */
public class RowMQConnection implements Connection, QueueConnection, TopicConnection, TemporaryDestinationOwner {
    private static final Logger LOG = Logger.getLogger(RowMQConnection.class.getName());

    private volatile Transport transport;
    private final ClientOptions options;
    private final ConnectionRecovery recovery;
    private final BrokerUrl url;
    private final String user;
    private final String messageIdPrefix;
    private final AtomicLong messageIds = new AtomicLong();
    private final List<RowMQSession> sessions = new CopyOnWriteArrayList<>();
    private final Set<RowMQDestination> temporaries = ConcurrentHashMap.newKeySet();
    private final Object stateLock = new Object();
    private final ConnectionDeliveryThreads deliveryThreads = new ConnectionDeliveryThreads();
    private final ActiveSubscriptions subscriptions = new ActiveSubscriptions();
    private final AtomicLong sessionIds = new AtomicLong();
    private volatile String clientId;
    private volatile boolean clientIdFixed;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile String lostReason;
    private volatile ExceptionListener exceptionListener;

    RowMQConnection(Transport transport, ClientOptions options, BrokerUrl url, String user, String presetClientId) {
        this.transport = transport;
        this.options = options;
        this.url = url;
        this.recovery = ConnectionRecovery.forUrl(this, url);
        this.user = user;
        this.clientId = presetClientId;
        this.clientIdFixed = presetClientId != null;
        this.messageIdPrefix = "ID:" + UUID.randomUUID() + ":";
        transport.whenLost(this::lost);
    }

    /** Connects to the first broker of the URL that answers. */
    static RowMQConnection open(BrokerUrl url, String user, String password, String presetClientId, boolean xa)
            throws JMSException {
        ClientOptions defaults = ClientOptions.defaults();
        ClientOptions options = new ClientOptions(presetClientId, user, password,
                url.intOption("connectTimeoutMs", ClientOptions.DEFAULT_CONNECT_TIMEOUT_MS, 1),
                url.intOption("requestTimeoutMs", ClientOptions.DEFAULT_REQUEST_TIMEOUT_MS, 1), defaults.maxFrameSize());
        Transport transport = connectAny(url, options);
        return xa ? new RowMQXAConnection(transport, options, url, user, presetClientId)
                : new RowMQConnection(transport, options, url, user, presetClientId);
    }

    /** A transport to the first broker of the list that answers. */
    static Transport connectAny(BrokerUrl url, ClientOptions options) throws JMSException {
        Exception last = null;
        for (BrokerUrl.Address address : url.addresses()) {
            try {
                return RowMQClient.connect(address.host(), address.port(), options);
            } catch (BrokerError e) {
                throw refused(e, options.user(), options.clientId());
            } catch (IOException e) {
                last = e;
            }
        }
        JMSException error = new JMSException("Could not connect to any RowMQ broker of " + url + ": "
                + (last == null ? "no address" : last.getMessage()), "CONNECT_FAILED");
        error.setLinkedException(last);
        error.initCause(last);
        throw error;
    }

    private static JMSException refused(BrokerError e, String user, String clientId) {
        JMSException error;
        if (e.code() == ErrorCode.AUTHENTICATION_FAILED) {
            error = new JMSSecurityException("RowMQ refused the connection of user "
                    + (user == null ? "(anonymous)" : "'" + user + "'") + ": " + e.getMessage(), e.code().name());
        } else if (e.code() == ErrorCode.CLIENT_ID_IN_USE) {
            error = new InvalidClientIDException("Client id '" + clientId + "' is in use by another connection: "
                    + e.getMessage(), e.code().name());
        } else {
            error = new JMSException(e.getMessage(), e.code().name());
        }
        error.setLinkedException(e);
        error.initCause(e);
        return error;
    }

    Transport transport() {
        return transport;
    }

    BrokerUrl url() {
        return url;
    }

    String user() {
        return user;
    }

    /** The prefix of this connection's message ids; {@code noLocal} consumers compare against it. */
    String messageIdPrefix() {
        return messageIdPrefix;
    }

    String nextMessageId() {
        return messageIdPrefix + messageIds.incrementAndGet();
    }

    boolean isStarted() {
        return started;
    }

    boolean isClosed() {
        return closed;
    }

    ActiveSubscriptions subscriptions() {
        return subscriptions;
    }

    long nextSessionId() {
        return sessionIds.incrementAndGet();
    }

    ConnectionDeliveryThreads deliveryThreads() {
        return deliveryThreads;
    }

    /** Throws when closed or when the broker connection is gone; fixes the client id. */
    void checkOpen() throws JMSException {
        if (closed) {
            throw new IllegalStateException("Connection is closed");
        }
        String reason = lostReason;
        if (reason != null) {
            throw new JMSException("Connection to the RowMQ broker was lost: " + reason, "CONNECTION_LOST");
        }
    }

    private void fixClientId() {
        clientIdFixed = true;
    }

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(transacted, acknowledgeMode, SessionDomain.UNIFIED);
    }

    /** An XA session (RowMQXAConnection). */
    RowMQSession createXaSession(SessionDomain domain) throws JMSException {
        checkOpen();
        fixClientId();
        RowMQSession session = new RowMQXASession(this, domain);
        sessions.add(session);
        return session;
    }

    private RowMQSession createSession(boolean transacted, int acknowledgeMode, SessionDomain domain)
            throws JMSException {
        checkOpen();
        fixClientId();
        int mode = transacted ? Session.SESSION_TRANSACTED : acknowledgeMode;
        if (mode < Session.SESSION_TRANSACTED || mode > Session.DUPS_OK_ACKNOWLEDGE) {
            throw new JMSException("Invalid acknowledge mode " + acknowledgeMode
                    + " (expected AUTO_ACKNOWLEDGE=1, CLIENT_ACKNOWLEDGE=2, DUPS_OK_ACKNOWLEDGE=3 or SESSION_TRANSACTED=0)");
        }
        RowMQSession session = new RowMQSession(this, mode, domain);
        sessions.add(session);
        return session;
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return createSession(sessionMode == Session.SESSION_TRANSACTED, sessionMode);
    }

    @Override
    public Session createSession() throws JMSException {
        return createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (QueueSession) createSession(transacted, acknowledgeMode, SessionDomain.QUEUE);
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (TopicSession) createSession(transacted, acknowledgeMode, SessionDomain.TOPIC);
    }

    void sessionClosed(RowMQSession session) {
        sessions.remove(session);
    }

    @Override
    public String getClientID() throws JMSException {
        checkNotClosed();
        return clientId;
    }

    @Override
    public void setClientID(String newClientId) throws JMSException {
        checkOpen();
        if (clientIdFixed) {
            throw new IllegalStateException(clientId != null
                    ? "Client id is already set to '" + clientId + "'; it can be set only once"
                    : "Client id must be set before any other action on the connection");
        }
        if (newClientId == null || newClientId.isBlank()) {
            throw new InvalidClientIDException("Client id must not be null or blank");
        }
        ClientIds.claim(transport, newClientId);
        clientId = newClientId;
        clientIdFixed = true;
    }

    /** The client id, or an exception saying that the operation needs one. */
    String requireClientId(String operation) throws JMSException {
        String id = clientId;
        if (id == null) {
            throw new IllegalStateException(operation + " needs a client id: set one on the connection factory"
                    + " (clientId URL option) or with Connection.setClientID before creating sessions");
        }
        return id;
    }

    String clientIdOrNull() {
        return clientId;
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        checkNotClosed();
        return RowMQConnectionMetaData.INSTANCE;
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkNotClosed();
        return exceptionListener;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        checkNotClosed();
        fixClientId();
        this.exceptionListener = listener;
    }

    @Override
    public void start() throws JMSException {
        checkOpen();
        fixClientId();
        synchronized (stateLock) {
            started = true;
        }
        for (RowMQSession session : sessions) {
            session.connectionStarted();
        }
    }

    @Override
    public void stop() throws JMSException {
        checkOpen();
        fixClientId();
        deliveryThreads.refuseStopFromListener(this);
        synchronized (stateLock) {
            started = false;
        }
        for (RowMQSession session : sessions) {
            session.connectionStopped();
        }
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        deliveryThreads.refuseFromListener(this, "Connection.close");
        JMSException first = null;
        started = false;
        for (RowMQSession session : sessions) {
            try {
                session.close();
            } catch (JMSException e) {
                first = first == null ? e : first;
            }
        }
        for (RowMQDestination temporary : temporaries) {
            try {
                TemporaryDestinations.drop(transport, temporary);
            } catch (JMSException e) {
                LOG.log(Level.WARNING, "Could not delete temporary destination " + temporary
                        + " while closing the connection; the broker drops it when the connection ends", e);
            }
        }
        temporaries.clear();
        closed = true;
        if (recovery != null) {
            recovery.cancel();
        }
        transport.close();
        if (first != null) {
            throw first;
        }
    }

    private void checkNotClosed() throws JMSException {
        if (closed) {
            throw new IllegalStateException("Connection is closed");
        }
    }

    public TemporaryQueue createTemporaryQueue() throws JMSException {
        checkOpen();
        RowMQTemporaryQueue queue = new RowMQTemporaryQueue(UUID.randomUUID().toString(), this);
        TemporaryDestinations.create(transport, queue);
        temporaries.add(queue);
        return queue;
    }

    public TemporaryTopic createTemporaryTopic() throws JMSException {
        checkOpen();
        RowMQTemporaryTopic topic = new RowMQTemporaryTopic(UUID.randomUUID().toString(), this);
        TemporaryDestinations.create(transport, topic);
        temporaries.add(topic);
        return topic;
    }

    /** True when the destination is a temporary destination this connection created and has not deleted. */
    boolean ownsTemporary(RowMQDestination destination) {
        return temporaries.contains(destination);
    }

    @Override
    public void deleteTemporary(RowMQDestination destination) throws JMSException {
        checkOpen();
        for (RowMQSession session : sessions) {
            if (session.hasConsumerOn(destination)) {
                throw new IllegalStateException("Temporary destination " + destination
                        + " still has a consumer on this connection; close it before deleting the destination");
            }
        }
        if (temporaries.remove(destination)) {
            TemporaryDestinations.drop(transport, destination);
        }
    }

    /** Called by the transport when the broker connection ends unexpectedly. */
    private void lost(String reason) {
        if (closed) {
            return;
        }
        if (recovery != null && recovery.begin(reason)) {
            return;
        }
        failed(reason);
    }

    /** The connection is gone for good: sessions learn it, and the ExceptionListener is told. */
    void failed(String reason) {
        lostReason = reason;
        for (RowMQSession session : sessions) {
            session.connectionLost();
        }
        ExceptionListener listener = exceptionListener;
        JMSException error = new JMSException("Connection to the RowMQ broker was lost: " + reason, "CONNECTION_LOST");
        if (listener != null) {
            Thread notifier = new Thread(() -> listener.onException(error), "rowmq-exception-listener");
            notifier.setDaemon(true);
            notifier.start();
        } else {
            LOG.warning(error.getMessage() + "; no ExceptionListener is set, so the application learns of it"
                    + " only on its next call");
        }
    }

    /** Options for a new transport: the client id set on this connection goes in its handshake. */
    ClientOptions reconnectOptions() {
        return options.withClientId(clientId);
    }

    /** True when a lost broker connection is re-established rather than failed. */
    boolean reconnects() {
        return recovery != null;
    }

    /** True while a lost broker connection is being re-established. */
    boolean isRecovering() {
        return recovery != null && recovery.inProgress();
    }

    /** Waits for a recovery in progress; true when the connection is usable again. */
    boolean awaitRecovered() {
        if (recovery == null) {
            return false;
        }
        long deadline = System.currentTimeMillis() + 5_000;
        // a request can fail on the closed channel a moment before the loss is reported
        while (!transport.isOpen() && !recovery.inProgress() && lostReason == null && !closed
                && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return recovery.await() && !closed && lostReason == null && transport.isOpen();
    }

    /**
     * A new broker connection replaces the lost one: temporary destinations are created again
     * under their names and every session subscribes its consumers again (ConnectionRecovery).
     */
    void recovered(Transport fresh) throws JMSException {
        transport = fresh;
        fresh.whenLost(this::lost);
        for (RowMQDestination temporary : temporaries) {
            TemporaryDestinations.create(fresh, temporary);
        }
        for (RowMQSession session : sessions) {
            session.reattach();
        }
    }

    /** Reports an asynchronous failure (an acknowledgement that failed, ...) to the exception listener or the log. */
    void reportAsync(JMSException error) {
        ExceptionListener listener = exceptionListener;
        if (listener != null && !closed) {
            listener.onException(error);
        } else {
            LOG.log(Level.WARNING, error.getMessage(), error);
        }
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        throw unsupportedConnectionConsumer();
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName,
                                                             String messageSelector, ServerSessionPool sessionPool,
                                                             int maxMessages) throws JMSException {
        throw unsupportedConnectionConsumer();
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName,
                                                              String messageSelector, ServerSessionPool sessionPool,
                                                              int maxMessages) throws JMSException {
        throw unsupportedConnectionConsumer();
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName,
                                                                    String messageSelector,
                                                                    ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        throw unsupportedConnectionConsumer();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        throw unsupportedConnectionConsumer();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        throw unsupportedConnectionConsumer();
    }

    private JMSException unsupportedConnectionConsumer() throws JMSException {
        checkOpen();
        return new JMSException("Connection consumers (ServerSessionPool) are an optional JMS facility that RowMQ does"
                + " not provide; use MessageListeners, or message-driven beans through the RowMQ resource adapter",
                "UNSUPPORTED");
    }

    @Override
    public String toString() {
        return "RowMQConnection[" + transport + ", clientId=" + clientId + (closed ? ", closed" : "") + "]";
    }
}
