package io.rowmq.jms;

import io.rowmq.jms.message.RowMQBytesMessage;
import io.rowmq.jms.message.RowMQMapMessage;
import io.rowmq.jms.message.RowMQMessage;
import io.rowmq.jms.message.RowMQObjectMessage;
import io.rowmq.jms.message.RowMQStreamMessage;
import io.rowmq.jms.message.RowMQTextMessage;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.MessageRef;
import io.rowmq.protocol.TransactionWork;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JMS session: creates messages, producers and consumers; keeps the acknowledgement mode,
 * the transaction and the delivery thread. The roles are split: {@link SessionAcks} (what is
 * unsettled), {@link SessionTransaction} (buffered sends), {@link SessionDispatcher}
 * (listeners), {@link AsyncSends} (completion listeners), {@link ConsumerFactory} (which
 * broker group a consumer reads).
 */
class RowMQSession implements Session, QueueSession, TopicSession {
    private final RowMQConnection connection;
    private final int mode;
    private final SessionDomain domain;
    private final long id;
    private final List<RowMQMessageConsumer> consumers = new CopyOnWriteArrayList<>();
    private final List<RowMQMessageProducer> producers = new CopyOnWriteArrayList<>();
    private final List<RowMQQueueBrowser> browsers = new CopyOnWriteArrayList<>();
    private final List<Long> closeAfterSettle = new CopyOnWriteArrayList<>();
    private final SessionAcks acks = new SessionAcks();
    private final AutoAcks autoAcks = new AutoAcks();
    private final SessionTransaction transaction;
    private final SessionDispatcher dispatcher;
    private final AsyncSends asyncSends;
    private final ProducerStreams streams = new ProducerStreams();
    private final ConsumerFactory consumerFactory;
    private volatile boolean closed;
    /** The delivery a listener is running for in AUTO/DUPS_OK mode, and whether recover() was called meanwhile. */
    private Delivery listenerDelivery;
    private long listenerConsumerId;
    private boolean recoveredInListener;

    RowMQSession(RowMQConnection connection, int mode, SessionDomain domain) {
        this.connection = connection;
        this.mode = mode;
        this.domain = domain;
        this.id = connection.nextSessionId();
        this.transaction = new SessionTransaction(this);
        this.dispatcher = new SessionDispatcher(this);
        this.asyncSends = new AsyncSends(this);
        this.consumerFactory = new ConsumerFactory(this);
    }

    RowMQConnection connection() {
        return connection;
    }

    long id() {
        return id;
    }

    int mode() {
        return mode;
    }

    /** The mode deliveries and sends follow now: an XA session outside a branch acts as AUTO_ACKNOWLEDGE. */
    int effectiveMode() {
        return mode;
    }

    SessionDomain domain() {
        return domain;
    }

    List<RowMQMessageConsumer> consumers() {
        return consumers;
    }

    ProducerStreams streams() {
        return streams;
    }

    AsyncSends asyncSends() {
        return asyncSends;
    }

    void checkOpen() throws JMSException {
        if (closed) {
            throw new IllegalStateException("Session is closed");
        }
        connection.checkOpen();
    }

    boolean isClosed() {
        return closed;
    }

    // ---- messages

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        checkOpen();
        return new RowMQBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        checkOpen();
        return new RowMQMapMessage();
    }

    @Override
    public Message createMessage() throws JMSException {
        checkOpen();
        return new RowMQMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        checkOpen();
        return new RowMQObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        checkOpen();
        RowMQObjectMessage message = new RowMQObjectMessage();
        message.setObject(object);
        return message;
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        checkOpen();
        return new RowMQStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        checkOpen();
        return new RowMQTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        checkOpen();
        return new RowMQTextMessage(text);
    }

    // ---- transaction and acknowledgement

    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return mode == SESSION_TRANSACTED;
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkOpen();
        return mode;
    }

    @Override
    public void commit() throws JMSException {
        checkOpen();
        if (mode != SESSION_TRANSACTED) {
            throw new IllegalStateException("commit() needs a transacted session; this one has acknowledge mode " + mode);
        }
        refuseFromCompletionListener("Session.commit");
        asyncSends.awaitAll();
        transaction.commit(acks.takeAll());
        closeSettledConsumers();
    }

    @Override
    public void rollback() throws JMSException {
        checkOpen();
        if (mode != SESSION_TRANSACTED) {
            throw new IllegalStateException("rollback() needs a transacted session; this one has acknowledge mode "
                    + mode);
        }
        refuseFromCompletionListener("Session.rollback");
        asyncSends.awaitAll();
        transaction.discard();
        giveBackForRedelivery("transaction rolled back");
        closeSettledConsumers();
    }

    @Override
    public void recover() throws JMSException {
        checkOpen();
        if (mode == SESSION_TRANSACTED) {
            throw new IllegalStateException("recover() is not allowed in a transacted session; use rollback()");
        }
        if (mode == CLIENT_ACKNOWLEDGE) {
            giveBackForRedelivery("session recovered");
            closeSettledConsumers();
        } else if (dispatcher.isDeliveryThread() && listenerDelivery != null) {
            recoveredInListener = true;
            giveBackForRedelivery("session recovered");
        }
    }

    /**
     * Releases every delivered-unsettled message (an attempt counted, so it comes back with
     * JMSRedelivered) and then every prefetched one, so the broker hands them out again in order.
     */
    private void giveBackForRedelivery(String reason) throws JMSException {
        Map<Long, List<MessageRef>> unsettled = acks.takeAll();
        if (listenerDelivery != null && (mode == AUTO_ACKNOWLEDGE || mode == DUPS_OK_ACKNOWLEDGE)) {
            unsettled.computeIfAbsent(listenerConsumerId, idKey -> new ArrayList<>())
                    .add(listenerDelivery.ref());
        }
        SessionAcks.release(connection, unsettled, reason, true);
        for (RowMQMessageConsumer consumer : consumers) {
            SessionAcks.release(connection, SessionAcks.refsOf(consumer.consumerId(), consumer.buffer().drain()),
                    reason, false);
        }
    }

    /** The work of the XA branch that ends: its held sends and the messages it received. */
    TransactionWork takeBranchWork() throws JMSException {
        return transaction.takeWork(acks.takeAll());
    }

    /** Message.acknowledge() in CLIENT_ACKNOWLEDGE mode: settles everything the session consumed. */
    void acknowledgeAll() throws JMSException {
        if (closed) {
            throw new IllegalStateException("Message.acknowledge(): the session that received the message is closed");
        }
        connection.checkOpen();
        if (mode != CLIENT_ACKNOWLEDGE) {
            return;
        }
        SessionAcks.ack(connection, acks.takeAll(), "Acknowledging messages");
        closeSettledConsumers();
    }

    // ---- delivery, called by consumers and the dispatcher

    /** Decodes a delivery; null when it must not reach the application (expired, noLocal, undecodable). */
    RowMQMessage toMessage(RowMQMessageConsumer consumer, Delivery delivery) throws JMSException {
        RowMQMessage message;
        try {
            message = RowMQMessage.fromRecord(delivery.record(), delivery.deliveryCount());
        } catch (JMSException | RuntimeException e) {
            SessionAcks.release(connection, SessionAcks.refsOf(consumer.consumerId(), List.of(delivery)),
                    "undecodable record: " + e.getMessage(), true);
            connection.reportAsync(JmsErrors.toJms("Decoding message at queue " + delivery.queueIndex()
                    + " offset " + delivery.offset() + " of " + consumer, e));
            return null;
        }
        long expiration = message.getJMSExpiration();
        if ((expiration != 0 && expiration <= System.currentTimeMillis()) || consumer.dropsAsLocal(message)) {
            ackNow(consumer, delivery);
            return null;
        }
        return message;
    }

    /** A message handed to the application by receive(). */
    void delivered(RowMQMessageConsumer consumer, Delivery delivery, RowMQMessage message) {
        int mode = effectiveMode();
        if (mode == AUTO_ACKNOWLEDGE || mode == DUPS_OK_ACKNOWLEDGE) {
            ackNow(consumer, delivery);
        } else {
            track(consumer, delivery, message);
        }
    }

    private void track(RowMQMessageConsumer consumer, Delivery delivery, RowMQMessage message) {
        acks.track(consumer.consumerId(), delivery);
        int mode = effectiveMode();
        if (mode == CLIENT_ACKNOWLEDGE) {
            message.setAcknowledger(this::acknowledgeAll);
        }
    }

    void beforeListener(RowMQMessageConsumer consumer, Delivery delivery, RowMQMessage message) {
        int mode = effectiveMode();
        if (mode == AUTO_ACKNOWLEDGE || mode == DUPS_OK_ACKNOWLEDGE) {
            listenerDelivery = delivery;
            listenerConsumerId = consumer.consumerId();
            recoveredInListener = false;
        } else {
            track(consumer, delivery, message);
        }
    }

    void afterListener(RowMQMessageConsumer consumer, Delivery delivery) {
        int mode = effectiveMode();
        if ((mode == AUTO_ACKNOWLEDGE || mode == DUPS_OK_ACKNOWLEDGE) && !recoveredInListener) {
            ackNow(consumer, delivery);
        }
        listenerDelivery = null;
    }

    /** A listener threw: AUTO/DUPS_OK redeliver at once (JMS 2.0, 8.7); CLIENT/transacted keep it unsettled. */
    void listenerFailed(RowMQMessageConsumer consumer, Delivery delivery) {
        int mode = effectiveMode();
        if ((mode == AUTO_ACKNOWLEDGE || mode == DUPS_OK_ACKNOWLEDGE) && !recoveredInListener) {
            connection.transport().release(consumer.consumerId(), List.of(delivery.ref()),
                    "MessageListener threw", true).whenComplete((ok, error) -> reportIfFailed("Redelivering", error));
        }
        listenerDelivery = null;
    }

    private void ackNow(RowMQMessageConsumer consumer, Delivery delivery) {
        if (autoAcks.add(consumer.consumerId(), delivery)) {
            flushAutoAcks();
        }
    }

    /** Sends the gathered AUTO/DUPS_OK acknowledgements, one ACK per consumer. */
    void flushAutoAcks() {
        Map<Long, List<MessageRef>> batch = autoAcks.takeAll();
        batch.forEach((consumerId, refs) -> connection.transport().ack(consumerId, refs)
                .whenComplete((ok, error) -> reportIfFailed("Acknowledging " + refs.size() + " messages of consumer "
                        + consumerId, error)));
    }

    private void reportIfFailed(String what, Throwable error) {
        if (error != null && connection.reconnects() && JmsErrors.isTransient(error)) {
            java.util.logging.Logger.getLogger(RowMQSession.class.getName()).fine(() -> what + " failed while the"
                    + " broker connection was going away; the broker delivers the message again: " + error);
            return;
        }
        if (error != null && !closed && !connection.isClosed()) {
            connection.reportAsync(JmsErrors.toJms(what, error));
        }
    }

    /** A consumer's buffer received messages: the listener thread may have work. */
    void deliveryReady() {
        dispatcher.wake();
    }

    void listenerChanged(RowMQMessageConsumer consumer, boolean listening) {
        if (listening) {
            dispatcher.ensureStarted();
        }
        consumer.buffer().listening(listening);
        dispatcher.wake();
    }

    void connectionStarted() {
        for (RowMQMessageConsumer consumer : consumers) {
            consumer.buffer().wake();
        }
        dispatcher.wake();
    }

    void connectionStopped() {
        dispatcher.awaitIdle();
    }

    void connectionLost() {
        for (RowMQMessageConsumer consumer : consumers) {
            consumer.buffer().wake();
        }
    }

    /**
     * After a reconnect: what was delivered and not settled is gone with the old connection (the
     * broker delivers it again), a transaction in progress can only roll back, and every
     * consumer subscribes again.
     */
    void reattach() throws JMSException {
        if (closed) {
            return;
        }
        Map<Long, List<MessageRef>> lost = acks.takeAll();
        autoAcks.takeAll();
        if (mode == SESSION_TRANSACTED) {
            transaction.interruptedByReconnect();
        }
        closeAfterSettle.clear();
        for (RowMQMessageConsumer consumer : consumers) {
            consumer.resubscribe();
        }
        dispatcher.wake();
        if (!lost.isEmpty()) {
            java.util.logging.Logger.getLogger(RowMQSession.class.getName()).info(this + ": "
                    + lost.values().stream().mapToInt(List::size).sum() + " unacknowledged messages will be"
                    + " delivered again after the reconnect");
        }
    }

    boolean hasConsumerOn(RowMQDestination destination) {
        for (RowMQMessageConsumer consumer : consumers) {
            if (consumer.destination().equals(destination)) {
                return true;
            }
        }
        return false;
    }

    // ---- producers

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        checkOpen();
        RowMQMessageProducer producer = new RowMQMessageProducer(this,
                destination == null ? null : RowMQDestination.of(destination));
        producers.add(producer);
        return producer;
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        return (QueueSender) createProducer(queue);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        return (TopicPublisher) createProducer(topic);
    }

    void producerClosed(RowMQMessageProducer producer) {
        producers.remove(producer);
    }

    /** Stores one encoded message now, or in the transaction when transacted. */
    void send(RowMQDestination destination, byte[] record, Message message, CompletionListener listener)
            throws JMSException {
        if (effectiveMode() == SESSION_TRANSACTED) {
            transaction.add(destination.brokerTopic(), record);
            if (listener != null) {
                asyncSends.track(java.util.concurrent.CompletableFuture.completedFuture(null), message, listener,
                        "Send to " + destination);
            }
            return;
        }
        ProducerStreams.Stream stream = streams.forTopic(destination.brokerTopic());
        long sequence = stream.reserve(1);
        var sent = connection.transport().produce(destination.brokerTopic(), -1, stream.producerId, sequence,
                List.of(record));
        if (listener != null) {
            asyncSends.track(sent, message, listener, "Send to " + destination);
            return;
        }
        try {
            Await.result("Send to " + destination, sent);
        } catch (JMSException e) {
            if (!"CONNECTION_LOST".equals(e.getErrorCode()) || !connection.awaitRecovered()) {
                throw e;
            }
            // same producer id and sequence: if the first attempt was stored, the broker says so
            Await.result("Send to " + destination + " after a reconnect", connection.transport().produce(
                    destination.brokerTopic(), -1, stream.producerId, sequence, List.of(record)));
        }
    }

    // ---- consumers

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return createConsumer(destination, null, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector) throws JMSException {
        return createConsumer(destination, messageSelector, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal)
            throws JMSException {
        checkOpen();
        return register(consumerFactory.plain(destination, messageSelector, noLocal));
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) throws JMSException {
        return createSharedConsumer(topic, sharedSubscriptionName, null);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector)
            throws JMSException {
        checkOpen();
        domain.requireTopics("createSharedConsumer");
        return register(consumerFactory.sharedNonDurable(topic, sharedSubscriptionName, messageSelector));
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        checkOpen();
        domain.requireTopics("createDurableSubscriber");
        return register(consumerFactory.durable(topic, name, messageSelector, noLocal, false));
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return createDurableConsumer(topic, name, null, false);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        checkOpen();
        domain.requireTopics("createDurableConsumer");
        return register(consumerFactory.durable(topic, name, messageSelector, noLocal, false));
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return createSharedDurableConsumer(topic, name, null);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector)
            throws JMSException {
        checkOpen();
        domain.requireTopics("createSharedDurableConsumer");
        return register(consumerFactory.durable(topic, name, messageSelector, false, true));
    }

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return (QueueReceiver) createConsumer(queue);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String messageSelector) throws JMSException {
        return (QueueReceiver) createConsumer(queue, messageSelector);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return (TopicSubscriber) createConsumer(topic);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String messageSelector, boolean noLocal)
            throws JMSException {
        return (TopicSubscriber) createConsumer(topic, messageSelector, noLocal);
    }

    private RowMQMessageConsumer register(RowMQMessageConsumer consumer) throws JMSException {
        if (closed) {
            consumerClosed(consumer);
            throw new IllegalStateException("Session closed while the consumer was being created");
        }
        consumers.add(consumer);
        return consumer;
    }

    void consumerClosed(RowMQMessageConsumer consumer) {
        consumers.remove(consumer);
        flushAutoAcks();
        if (!dispatcher.isDeliveryThread()) {
            dispatcher.awaitIdle();
        }
        if (consumer.subscription().durableName() != null) {
            connection.subscriptions().detach(consumer.subscription());
        }
        if (acks.hasUnsettled(consumer.consumerId())) {
            closeAfterSettle.add(consumer.consumerId());
        } else {
            closeOnBroker(consumer.consumerId());
        }
    }

    /** Closes the broker consumer and waits, so what follows (an unsubscribe) sees it gone. */
    private void closeOnBroker(long consumerId) {
        if (connection.transport().isOpen()) {
            try {
                Await.result("Closing consumer " + consumerId, connection.transport().closeConsumer(consumerId));
            } catch (JMSException e) {
                reportIfFailed("Closing consumer " + consumerId, e);
            }
        }
    }

    private void closeSettledConsumers() {
        for (Long consumerId : closeAfterSettle) {
            if (!acks.hasUnsettled(consumerId)) {
                closeAfterSettle.remove(consumerId);
                closeOnBroker(consumerId);
            }
        }
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        checkOpen();
        domain.requireTopics("unsubscribe");
        consumerFactory.unsubscribe(name);
    }

    // ---- browsers and destinations

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) throws JMSException {
        checkOpen();
        domain.requireQueues("createBrowser");
        if (queue == null) {
            throw new InvalidDestinationException("createBrowser: the queue must not be null");
        }
        RowMQQueueBrowser browser = new RowMQQueueBrowser(this, (RowMQQueue) RowMQDestination.of(queue),
                Selectors.parse(messageSelector));
        browsers.add(browser);
        return browser;
    }

    void browserClosed(RowMQQueueBrowser browser) {
        browsers.remove(browser);
    }

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        checkOpen();
        domain.requireQueues("createQueue");
        return new RowMQQueue(DestinationNames.check(queueName, "queue"));
    }

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        checkOpen();
        domain.requireTopics("createTopic");
        return new RowMQTopic(DestinationNames.check(topicName, "topic"));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        checkOpen();
        domain.requireQueues("createTemporaryQueue");
        return connection.createTemporaryQueue();
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        checkOpen();
        domain.requireTopics("createTemporaryTopic");
        return connection.createTemporaryTopic();
    }

    // ---- lifecycle

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return null;
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkOpen();
        throw new JMSException("Session-level MessageListeners serve the optional ServerSessionPool facility, which"
                + " RowMQ does not provide; set the listener on a MessageConsumer", "UNSUPPORTED");
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException("Session.run() serves the optional ServerSessionPool facility,"
                + " which RowMQ does not provide");
    }

    /** True on this session's CompletionListener thread. */
    boolean inCompletionListener() {
        return ConnectionDeliveryThreads.inCompletionListenerOf(this);
    }

    private void refuseFromCompletionListener(String operation) throws IllegalStateException {
        if (inCompletionListener()) {
            throw new IllegalStateException(operation + " must not be called from a CompletionListener of the same"
                    + " session");
        }
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (ConnectionDeliveryThreads.inListenerOf(this)) {
            throw new IllegalStateException("Session.close must not be called from a MessageListener or"
                    + " CompletionListener of the same session (it would wait for itself)");
        }
        dispatcher.stop();
        asyncSends.awaitAll();
        asyncSends.shutdown();
        flushAutoAcks();
        JMSException failure = null;
        try {
            if (connection.transport().isOpen()) {
                if (mode == SESSION_TRANSACTED) {
                    transaction.discard();
                }
                giveBackForRedelivery("session closed");
            }
        } catch (JMSException e) {
            failure = e;
        }
        closed = true;
        for (RowMQMessageConsumer consumer : consumers) {
            consumer.closeQuietly();
            if (consumer.subscription().durableName() != null) {
                connection.subscriptions().detach(consumer.subscription());
            }
            closeOnBroker(consumer.consumerId());
        }
        consumers.clear();
        for (Long consumerId : closeAfterSettle) {
            closeOnBroker(consumerId);
        }
        closeAfterSettle.clear();
        for (RowMQMessageProducer producer : producers) {
            producer.closeQuietly();
        }
        for (RowMQQueueBrowser browser : browsers) {
            browser.closeQuietly();
        }
        connection.sessionClosed(this);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "RowMQSession[" + id + ", mode " + mode + (closed ? ", closed" : "") + "]";
    }
}
