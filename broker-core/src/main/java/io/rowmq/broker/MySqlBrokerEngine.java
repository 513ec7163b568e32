package io.rowmq.broker;

import io.rowmq.broker.admin.DataNodes;
import io.rowmq.broker.admin.Topic;
import io.rowmq.broker.admin.TopicCatalog;
import io.rowmq.broker.admin.TopicOwner;
import io.rowmq.broker.dispatch.DispatchSettings;
import io.rowmq.broker.dispatch.GroupDispatcher;
import io.rowmq.broker.dispatch.GroupRegistry;
import io.rowmq.broker.store.SegmentRetirer;
import io.rowmq.broker.store.StoreErrors;
import io.rowmq.broker.tx.TransactionCoordinator;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.BrowseCursor;
import io.rowmq.protocol.BrowsePage;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.MessageRecord;
import io.rowmq.protocol.MessageRef;
import io.rowmq.protocol.RecordHeader;
import io.rowmq.protocol.TopicInfo;
import io.rowmq.protocol.selector.Selector;
import io.rowmq.protocol.selector.SelectorSyntaxException;
import io.rowmq.protocol.TransactionWork;
import io.rowmq.protocol.TransactionXid;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The broker engine over MySQL/MariaDB: topics from the {@link TopicCatalog}, sends through
 * each queue's group-commit writer ({@link QueueWriters}), consumers through their group's
 * dispatcher ({@link GroupRegistry}). Admin work runs on a small pool, never on the caller.
 */
public final class MySqlBrokerEngine implements BrokerEngine {
    private static final Logger LOG = Logger.getLogger(MySqlBrokerEngine.class.getName());
    private static final int MAX_FETCH = 10_000;
    private static final long MAX_WAIT_MS = 300_000;
    private static final int MAX_GROUP_NAME = 255;
    /** How often committed transactions that could not be applied yet are retried. */
    private static final long FINISH_TRANSACTIONS_MS = 5_000;

    private final EngineSettings settings;
    private final TopicCatalog catalog;
    private final QueueWriters writers;
    private final GroupRegistry groups;
    private final EngineThreads threads;
    private final SegmentRetirer retirer;
    private final DataNodes nodes;
    private final TemporaryTopics temporaryTopics = new TemporaryTopics();
    private final ArrivalOrder<String, Topic> resolving;
    private final TransactionCoordinator transactions;
    private final ConcurrentMap<Long, GroupDispatcher> consumers = new ConcurrentHashMap<>();
    private final AtomicLong consumerIds = new AtomicLong();
    private volatile boolean closed;

    private MySqlBrokerEngine(DataSource dataSource, EngineSettings settings, DataNodes nodes) {
        this.settings = settings;
        this.threads = new EngineThreads();
        this.nodes = nodes;
        this.resolving = new ArrivalOrder<>(threads.adminPool());
        this.catalog = new TopicCatalog(dataSource, settings.segmentSize(), nodes);
        this.retirer = new SegmentRetirer(dataSource, nodes, settings.segmentSize());
        this.writers = new QueueWriters(dataSource, nodes, settings, threads.writers(), threads.adminPool());
        this.groups = new GroupRegistry(dataSource, nodes,
                new DispatchSettings(settings.brokerId(), settings.leaseMs(), settings.clock()),
                threads.dispatch(), writers::tail);
        this.transactions = new TransactionCoordinator(dataSource, nodes, settings.brokerId(),
                new EngineTransactionTargets(this, threads, writers, groups));
    }

    /** Starts the engine on a migrated admin database (see {@link io.rowmq.broker.store.Database}) that also holds every queue. */
    public static MySqlBrokerEngine open(DataSource dataSource, EngineSettings settings) {
        return open(dataSource, settings, DataNodes.localOnly(dataSource));
    }

    /**
     * Starts the engine on a migrated admin database, with new topics' queues spread over the
     * data nodes. The engine closes {@code nodes} when it closes.
     */
    public static MySqlBrokerEngine open(DataSource dataSource, EngineSettings settings, DataNodes nodes) {
        MySqlBrokerEngine engine = new MySqlBrokerEngine(dataSource, settings, nodes);
        try {
            int orphans = engine.groups.deleteOrphans();
            if (orphans > 0) {
                LOG.info(() -> "Deleted " + orphans + " non-durable consumer groups left by the previous run of broker "
                        + settings.brokerId());
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Could not delete the non-durable groups left by the previous run"
                    + " of broker " + settings.brokerId() + "; they hold back retention until deleted", e);
        }
        engine.deleteOwnTemporaryTopics("left by the previous run of");
        long tick = Math.max(20, Math.min(100, settings.leaseMs() / 4));
        engine.threads.every(tick, engine.groups::tickAll);
        engine.threads.every(Math.max(100, settings.leaseMs() / 3), engine.writers::renewLeases);
        engine.threads.every(settings.retentionCheckMs(), engine::retireSegments);
        engine.threads.every(Math.max(10, Math.min(100, settings.storeTimeoutMs() / 4)),
                () -> engine.writers.failOverdue(settings.storeTimeoutMs()));
        engine.transactions.finishCommitted();
        engine.threads.every(FINISH_TRANSACTIONS_MS, engine.transactions::finishCommitted);
        return engine;
    }

    /**
     * Deletes every temporary topic recorded under this broker's id. Temporary topics belong to
     * client connections: a broker that starts has none yet, and one that stops has none left, so
     * those found then were left by a run that crashed (or by connections still closing).
     */
    private void deleteOwnTemporaryTopics(String which) {
        try {
            List<Topic> left = catalog.temporaryTopicsOf(settings.brokerId());
            for (Topic topic : left) {
                removeTopic(topic);
            }
            if (!left.isEmpty()) {
                LOG.info(() -> "Deleted " + left.size() + " temporary topics " + which + " broker "
                        + settings.brokerId());
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not delete the temporary topics " + which + " broker "
                    + settings.brokerId() + "; they are deleted when it next starts, or delete them with the CLI"
                    + " (topic delete NAME)", e);
        }
    }

    @Override
    public CompletableFuture<TopicInfo> createTopic(String name, int queueCount, int maxAttempts) {
        return admin("Create topic '" + name + "'", () -> catalog.create(name,
                queueCount <= 0 ? settings.defaultQueues() : queueCount,
                maxAttempts <= 0 ? settings.maxAttempts() : maxAttempts).info());
    }

    @Override
    public CompletableFuture<TopicInfo> createTemporaryTopic(String name, int queueCount, long connectionId) {
        return admin("Create temporary topic '" + name + "'", () -> {
            if (connectionId == NO_CONNECTION) {
                throw new BrokerError(ErrorCode.INVALID_REQUEST, "Temporary topic '" + name + "' needs the client"
                        + " connection that owns it");
            }
            Topic topic = catalog.create(name, queueCount <= 0 ? settings.defaultQueues() : queueCount,
                    settings.maxAttempts(), new TopicOwner(settings.brokerId(), connectionId));
            temporaryTopics.add(connectionId, name);
            return topic.info();
        });
    }

    /**
     * Drops the segments of every queue this broker writes that all their groups have settled,
     * and adds empty segments ahead of the writers. Runs every {@code retentionCheckMs}.
     *
     * @return how many segments were dropped
     */
    public int retireSegments() {
        return writers.maintainSegments(retirer);
    }

    @Override
    public CompletableFuture<Void> deleteTopic(String name, long connectionId) {
        return admin("Delete topic '" + name + "'", () -> {
            Topic topic = catalog.require(name);
            requireOwner(topic, connectionId, "delete it");
            removeTopic(topic);
            if (topic.temporary()) {
                temporaryTopics.remove(topic.owner().connectionId(), name);
            }
            return null;
        });
    }

    /** A temporary topic is used by its own connection only; calls from the broker itself are not checked. */
    private void requireOwner(Topic topic, long connectionId, String what) {
        if (topic.temporary() && connectionId != NO_CONNECTION
                && !topic.owner().is(settings.brokerId(), connectionId)) {
            throw new BrokerError(ErrorCode.INVALID_REQUEST, "Topic '" + topic.name() + "' is a temporary destination"
                    + " of " + topic.owner() + "; only the connection that created a temporary destination may "
                    + what);
        }
    }

    private void removeTopic(Topic topic) throws SQLException {
        for (GroupDispatcher dispatcher : groups.forget(topic)) {
            consumers.values().removeIf(open -> open == dispatcher);
        }
        writers.forget(topic);
        catalog.delete(topic);
    }

    @Override
    public CompletableFuture<Void> connectionClosed(long connectionId) {
        Set<String> owned = temporaryTopics.removeConnection(connectionId);
        if (owned.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return admin("Delete the " + owned.size() + " temporary topics of closed connection " + connectionId, () -> {
            for (String name : owned) {
                Optional<Topic> topic = catalog.find(name);
                if (topic.isPresent() && topic.get().temporary()) {
                    removeTopic(topic.get());
                }
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> deleteGroup(String topicName, String group) {
        return admin("Delete group '" + group + "' of topic '" + topicName + "'", () -> {
            if (group == null || group.isBlank()) {
                throw new BrokerError(ErrorCode.INVALID_REQUEST, "Deleting a subscription needs its name");
            }
            Topic topic = null;
            if (topicName != null) {
                topic = catalog.find(topicName).orElseThrow(() -> new BrokerError(ErrorCode.UNKNOWN_SUBSCRIPTION,
                        "No subscription named '" + group + "' exists: topic '" + topicName + "' does not exist"));
            }
            groups.deleteGroup(topic, group);
            return null;
        });
    }

    @Override
    public CompletableFuture<BrowsePage> browse(String topicName, String group, BrowseCursor from, int maxMessages) {
        return admin("Browse group '" + group + "' of topic '" + topicName + "'", () -> {
            if (group == null || group.isBlank() || maxMessages < 1 || maxMessages > MAX_FETCH) {
                throw new BrokerError(ErrorCode.INVALID_REQUEST, "Browse of topic '" + topicName + "' needs a group"
                        + " name (was '" + group + "') and maxMessages 1.." + MAX_FETCH + " (was " + maxMessages + ")");
            }
            Topic topic = catalog.require(topicName);
            int last = from.positions().keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
            if (last >= topic.queues().size()) {
                throw new BrokerError(ErrorCode.INVALID_REQUEST, "Browse of topic '" + topicName + "': the cursor names"
                        + " queue " + last + " but the topic has queues 0.." + (topic.queues().size() - 1));
            }
            return groups.browse(topic, group, from, maxMessages);
        });
    }

    @Override
    public CompletableFuture<List<TopicInfo>> describeTopics(String name) {
        return admin("Describe topics", () -> name == null
                ? catalog.all().stream().map(Topic::info).toList()
                : List.of(catalog.require(name).info()));
    }

    @Override
    public CompletableFuture<AppendResult> append(String topicName, int queueIndex, long producerId, long baseSequence,
                                                  List<byte[]> records) {
        if (closed) {
            return CompletableFuture.failedFuture(shuttingDown());
        }
        if (producerId < 0) {
            return CompletableFuture.failedFuture(new BrokerError(ErrorCode.INVALID_REQUEST, "Topic '" + topicName
                    + "': producer id " + producerId + " is negative; negative ids are reserved for transactions"));
        }
        List<RecordHeader> headers;
        try {
            headers = parseHeaders(topicName, records);
        } catch (BrokerError e) {
            return CompletableFuture.failedFuture(e);
        }
        // The first sends to a topic this broker has not seen wait for its metadata in arrival order.
        return resolving.run(topicName, () -> catalog.cached(topicName),
                        () -> resolve(topicName, settings.autoCreateTopics()),
                        resolved -> writers.append(resolved, queueIndex, producerId, baseSequence, records, headers))
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(StoreErrors.translate(
                        "Topic '" + topicName + "': send of " + records.size() + " messages", failure)));
    }

    static List<RecordHeader> parseHeaders(String topic, List<byte[]> records) {
        if (records.isEmpty()) {
            throw new BrokerError(ErrorCode.INVALID_REQUEST, "Topic '" + topic + "': a send needs at least one message");
        }
        List<RecordHeader> headers = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                headers.add(MessageRecord.readHeader(records.get(i)));
            } catch (RuntimeException e) {
                throw new BrokerError(ErrorCode.INVALID_REQUEST, "Topic '" + topic + "': message " + i + " of "
                        + records.size() + " is not a valid message record: " + e.getMessage(), e);
            }
        }
        return headers;
    }

    @Override
    public CompletableFuture<Subscription> subscribe(String topicName, String group, GroupKind kind, String selector,
                                                     boolean createTopic, long connectionId) {
        return admin("Subscribe to topic '" + topicName + "' as group '" + group + "'", () -> {
            if (closed) {
                throw shuttingDown();
            }
            Selector parsed = parseSelector(topicName, selector);
            String name = group;
            if (name == null || name.isBlank()) {
                if (kind != GroupKind.EPHEMERAL) {
                    throw new BrokerError(ErrorCode.INVALID_REQUEST, "Topic '" + topicName + "': a " + kind
                            + " group needs a name");
                }
                name = "ephemeral-" + UUID.randomUUID();
            }
            if (name.length() > MAX_GROUP_NAME) {
                throw new BrokerError(ErrorCode.INVALID_REQUEST, "Topic '" + topicName + "': group name of "
                        + name.length() + " characters is longer than the " + MAX_GROUP_NAME + " allowed");
            }
            Topic topic = resolve(topicName, createTopic || settings.autoCreateTopics());
            requireOwner(topic, connectionId, "consume from it");
            GroupDispatcher dispatcher = groups.open(topic, name, kind, parsed);
            long consumerId = consumerIds.incrementAndGet();
            dispatcher.addConsumer(consumerId, kind == GroupKind.QUEUE ? parsed : null).join();
            consumers.put(consumerId, dispatcher);
            return new Subscription(consumerId, dispatcher.groupId());
        });
    }

    /** The consumer's selector, or null for none (null or blank); one that does not parse is INVALID_SELECTOR. */
    private static Selector parseSelector(String topicName, String selector) {
        if (selector == null || selector.isBlank()) {
            return null;
        }
        try {
            return Selector.parse(selector);
        } catch (SelectorSyntaxException e) {
            throw new BrokerError(ErrorCode.INVALID_SELECTOR, "Topic '" + topicName + "': " + e.getMessage(), e);
        }
    }

    @Override
    public CompletableFuture<List<Delivery>> fetch(long consumerId, int maxMessages, long maxWaitMs) {
        if (maxMessages < 1 || maxMessages > MAX_FETCH || maxWaitMs < 0 || maxWaitMs > MAX_WAIT_MS) {
            return CompletableFuture.failedFuture(new BrokerError(ErrorCode.INVALID_REQUEST, "Fetch for consumer "
                    + consumerId + ": maxMessages must be 1.." + MAX_FETCH + " (was " + maxMessages + ") and maxWaitMs 0.."
                    + MAX_WAIT_MS + " (was " + maxWaitMs + ")"));
        }
        return dispatcherOf(consumerId).thenCompose(group -> group.fetch(consumerId, maxMessages, maxWaitMs));
    }

    @Override
    public CompletableFuture<Void> ack(long consumerId, List<MessageRef> refs) {
        return dispatcherOf(consumerId).thenCompose(group -> group.ack(consumerId, refs));
    }

    @Override
    public CompletableFuture<Void> release(long consumerId, List<MessageRef> refs, String reason, boolean countAttempt) {
        return dispatcherOf(consumerId).thenCompose(group -> group.release(consumerId, refs, reason, countAttempt));
    }

    @Override
    public CompletableFuture<Void> closeConsumer(long consumerId) {
        GroupDispatcher dispatcher = consumers.remove(consumerId);
        if (dispatcher == null) {
            return CompletableFuture.completedFuture(null);
        }
        return groups.closeConsumer(dispatcher, consumerId);
    }

    @Override
    public CompletableFuture<Void> commitTransaction(TransactionWork work) {
        return closed ? CompletableFuture.failedFuture(shuttingDown()) : transactions.commit(work);
    }

    @Override
    public CompletableFuture<Void> prepareTransaction(TransactionXid xid, TransactionWork work) {
        return closed ? CompletableFuture.failedFuture(shuttingDown()) : transactions.prepare(xid, work);
    }

    @Override
    public CompletableFuture<Void> endTransaction(TransactionXid xid, boolean commit) {
        return closed ? CompletableFuture.failedFuture(shuttingDown()) : transactions.end(xid, commit);
    }

    @Override
    public CompletableFuture<List<TransactionXid>> recoverTransactions() {
        return transactions.recover();
    }

    /** The transactions of this engine, for crash tests that stop them half-way ({@link TransactionCoordinator#crashAt}). */
    public TransactionCoordinator transactions() {
        return transactions;
    }

    /** The dispatcher of an open consumer, or null. */
    GroupDispatcher dispatcherOrNull(long consumerId) {
        return consumers.get(consumerId);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("Stopping the engine: finishing in-flight commits, then releasing write leases");
        threads.stopTimers();
        deleteOwnTemporaryTopics("of the connections of stopping");
        groups.closeAll();
        threads.drainWriters();
        writers.releaseLeases();
        threads.shutdown();
        nodes.close();
    }

    private CompletableFuture<GroupDispatcher> dispatcherOf(long consumerId) {
        GroupDispatcher dispatcher = consumers.get(consumerId);
        return dispatcher != null ? CompletableFuture.completedFuture(dispatcher)
                : CompletableFuture.failedFuture(new BrokerError(ErrorCode.UNKNOWN_CONSUMER,
                "Consumer " + consumerId + " is not open on this broker"));
    }

    Topic resolve(String name, boolean create) throws SQLException {
        var found = catalog.find(name);
        if (found.isPresent()) {
            return found.get();
        }
        if (!create) {
            return catalog.require(name);
        }
        try {
            return catalog.create(name, settings.defaultQueues(), settings.maxAttempts());
        } catch (BrokerError e) {
            if (e.code() == ErrorCode.TOPIC_EXISTS) {
                return catalog.require(name);
            }
            throw e;
        }
    }

    boolean autoCreateTopics() {
        return settings.autoCreateTopics();
    }

    private <T> CompletableFuture<T> admin(String what, EngineThreads.SqlTask<T> task) {
        return threads.admin(what, task);
    }

    private static BrokerError shuttingDown() {
        return new BrokerError(ErrorCode.SHUTTING_DOWN, "The broker is shutting down; send to another broker or retry");
    }
}
