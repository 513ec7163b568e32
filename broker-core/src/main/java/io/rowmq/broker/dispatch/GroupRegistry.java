package io.rowmq.broker.dispatch;

import io.rowmq.broker.admin.Topic;
import io.rowmq.broker.store.QueueLocator;
import io.rowmq.broker.store.QueueRef;
import io.rowmq.broker.store.QueueTail;
import io.rowmq.broker.store.SerialExecutor;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.BrowseCursor;
import io.rowmq.protocol.BrowsePage;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.selector.Selector;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The consumer groups this broker serves, by group id: opens a group (creating it in the admin
 * schema if needed) when its first consumer arrives, and removes non-persistent groups when
 * their last consumer leaves. Opening and removing are rare and serialized; the hot path never
 * comes here.
 */
public final class GroupRegistry {
    private static final Logger LOG = Logger.getLogger(GroupRegistry.class.getName());

    private final QueueLocator tables;
    private final DispatchSettings settings;
    private final Executor pool;
    private final Function<QueueRef, QueueTail> tails;
    private final GroupLedger ledger;
    private final GroupBrowser browser;
    private final ConcurrentMap<Long, GroupDispatcher> groups = new ConcurrentHashMap<>();
    /** Open consumers per group id; guarded by this. */
    private final Map<Long, Integer> consumerCounts = new HashMap<>();

    public GroupRegistry(DataSource dataSource, QueueLocator tables, DispatchSettings settings, Executor pool,
                         Function<QueueRef, QueueTail> tails) {
        this.tables = tables;
        this.settings = settings;
        this.pool = pool;
        this.tails = tails;
        this.ledger = new GroupLedger(dataSource, settings.brokerId(), tables);
        this.browser = new GroupBrowser(tables, tails, settings.clock());
    }

    /**
     * The group's dispatcher, created and loaded from the admin schema if this broker does not
     * serve it yet. A queue group keeps no selector of its own (its consumers each bring theirs);
     * any other group is created with {@code selector}, and a subscription asking for another
     * selector than its group has replaces the group when no consumer is attached to it (JMS: a
     * changed durable subscription is a new one, from the end of the topic) and fails with
     * SUBSCRIPTION_IN_USE when one is.
     */
    public synchronized GroupDispatcher open(Topic topic, String name, GroupKind kind, Selector selector)
            throws SQLException {
        String wanted = kind == GroupKind.QUEUE || selector == null ? null : selector.text();
        GroupLedger.GroupRow row = ledger.findOrCreate(topic, name, kind, wanted, startOffset(kind));
        if (row.kind() != GroupKind.QUEUE && !Objects.equals(row.selector(), wanted)) {
            row = replace(topic, row, kind, wanted);
        }
        consumerCounts.merge(row.id(), 1, Integer::sum);
        GroupDispatcher existing = groups.get(row.id());
        if (existing != null) {
            return existing;
        }
        return start(topic, row);
    }

    /**
     * The dispatcher of an existing group, loaded if this broker does not serve it yet, without
     * opening a consumer: for settling a transaction's acknowledgements after a restart. Null
     * when the group no longer exists (its acknowledgements have nothing left to settle).
     */
    public synchronized GroupDispatcher openExisting(Topic topic, long groupId) throws SQLException {
        GroupDispatcher existing = groups.get(groupId);
        if (existing != null) {
            return existing;
        }
        GroupLedger.GroupRow row = ledger.findById(groupId);
        return row == null ? null : start(topic, row);
    }

    private GroupDispatcher start(Topic topic, GroupLedger.GroupRow row) throws SQLException {
        String name = row.name();
        QueueCursor[] cursors = new QueueCursor[topic.queues().size()];
        for (QueueRef queue : topic.queues()) {
            cursors[queue.index()] = new QueueCursor(queue, tails.apply(queue), ledger.load(row.id(), queue.queueId()));
        }
        SerialExecutor actor = new SerialExecutor("group " + topic.name() + "/" + name, pool);
        GroupDispatcher dispatcher = new GroupDispatcher(row, topic, ledger, tables, actor, settings, cursors);
        groups.put(row.id(), dispatcher);
        return dispatcher;
    }

    private GroupLedger.GroupRow replace(Topic topic, GroupLedger.GroupRow row, GroupKind kind, String selector)
            throws SQLException {
        int attached = consumerCounts.getOrDefault(row.id(), 0);
        if (attached > 0) {
            throw new BrokerError(ErrorCode.SUBSCRIPTION_IN_USE, "Topic '" + topic.name() + "': subscription '"
                    + row.name() + "' has " + attached + " consumer(s) attached with selector " + quote(row.selector())
                    + "; it cannot change to selector " + quote(selector) + " until they close");
        }
        GroupDispatcher old = groups.remove(row.id());
        if (old != null) {
            old.close();
        }
        GroupLedger.GroupRow created = ledger.recreate(topic, row, kind, selector, startOffset(GroupKind.DURABLE));
        LOG.info(() -> "Topic '" + topic.name() + "': subscription '" + row.name() + "' changed its selector from "
                + quote(row.selector()) + " to " + quote(selector) + "; it was replaced by a new subscription that"
                + " starts at the end of the topic");
        return created;
    }

    private ToLongFunction<QueueRef> startOffset(GroupKind kind) {
        return queue -> kind == GroupKind.QUEUE ? 0 : tails.apply(queue).high();
    }

    private static String quote(String selector) {
        return selector == null ? "(none)" : "[" + selector + "]";
    }

    /**
     * Closes the consumer; a non-persistent group left without consumers is deleted. The count
     * of consumers is kept here, under the same lock as {@link #open}, so a consumer joining
     * while the last one leaves never attaches to a group that is being deleted.
     */
    public CompletableFuture<Void> closeConsumer(GroupDispatcher dispatcher, long consumerId) {
        return dispatcher.removeConsumer(consumerId).thenAccept(empty -> departed(dispatcher));
    }

    private synchronized void departed(GroupDispatcher dispatcher) {
        Integer left = consumerCounts.computeIfPresent(dispatcher.groupId(), (id, count) -> count > 1 ? count - 1 : null);
        if (left == null && !dispatcher.kind().persistent() && groups.get(dispatcher.groupId()) == dispatcher) {
            removeGroup(dispatcher);
        }
    }

    private synchronized void removeGroup(GroupDispatcher dispatcher) {
        try {
            groups.remove(dispatcher.groupId());
            dispatcher.close();
            ledger.deleteGroup(dispatcher.groupId());
        } catch (SQLException e) {
            throw new IllegalStateException(dispatcher.describe() + ": could not delete the group after its last"
                    + " consumer closed: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes a DURABLE or SHARED group with its offsets, claims and attempts (its dead letters
     * stay, for inspection and replay). With a null topic, the groups of that name on any topic.
     *
     * @throws BrokerError UNKNOWN_SUBSCRIPTION when there is no such group, SUBSCRIPTION_IN_USE
     *                     while a consumer on this broker is attached to it, INVALID_REQUEST for
     *                     a QUEUE or EPHEMERAL group
     */
    public synchronized void deleteGroup(Topic topic, String name) throws SQLException {
        List<GroupLedger.NamedGroup> found;
        if (topic != null) {
            GroupLedger.GroupRow row = ledger.find(topic.id(), name);
            found = row == null ? List.of() : List.of(new GroupLedger.NamedGroup(row.id(), topic.name(), name,
                    row.kind()));
            for (GroupLedger.NamedGroup group : found) {
                if (!deletable(group.kind())) {
                    throw new BrokerError(ErrorCode.INVALID_REQUEST, describe(group) + " is a " + group.kind()
                            + " group, not a subscription: only DURABLE and SHARED groups can be deleted");
                }
            }
        } else {
            found = ledger.findOnAnyTopic(name).stream().filter(group -> deletable(group.kind())).toList();
        }
        if (found.isEmpty()) {
            throw new BrokerError(ErrorCode.UNKNOWN_SUBSCRIPTION, "No subscription named '" + name + "'"
                    + (topic == null ? " exists on any topic" : " exists on topic '" + topic.name() + "'"));
        }
        for (GroupLedger.NamedGroup group : found) {
            Integer consumers = consumerCounts.get(group.id());
            if (consumers != null && consumers > 0) {
                throw new BrokerError(ErrorCode.SUBSCRIPTION_IN_USE, describe(group) + " has " + consumers
                        + " consumer(s) attached on broker '" + settings.brokerId() + "'; close them before"
                        + " unsubscribing");
            }
        }
        for (GroupLedger.NamedGroup group : found) {
            GroupDispatcher dispatcher = groups.remove(group.id());
            if (dispatcher != null) {
                dispatcher.close();
            }
            ledger.deleteGroup(group.id());
            LOG.fine(() -> describe(group) + " deleted");
        }
    }

    private static boolean deletable(GroupKind kind) {
        return kind == GroupKind.DURABLE || kind == GroupKind.SHARED;
    }

    private static String describe(GroupLedger.NamedGroup group) {
        return "Subscription '" + group.name() + "' of topic '" + group.topicName() + "'";
    }

    /**
     * One page of the messages the group would still deliver, after {@code from}; a group that
     * does not exist is browsed as a QUEUE group that never consumed (from the beginning).
     * Blocking: reads the admin schema and the queue tables.
     */
    public BrowsePage browse(Topic topic, String name, BrowseCursor from, int max) throws SQLException {
        return browser.page(topic, snapshots(topic, name), from, max);
    }

    private QueueSnapshot[] snapshots(Topic topic, String name) throws SQLException {
        GroupLedger.GroupRow row = ledger.find(topic.id(), name);
        GroupDispatcher live = row == null ? null : groups.get(row.id());
        if (live != null) {
            return live.snapshot().join();
        }
        QueueSnapshot[] snapshots = new QueueSnapshot[topic.queues().size()];
        for (QueueRef queue : topic.queues()) {
            if (row == null) {
                snapshots[queue.index()] = QueueSnapshot.untouched(0);
            } else {
                GroupLedger.CursorRecord record = ledger.load(row.id(), queue.queueId());
                snapshots[queue.index()] = new QueueSnapshot(record.committed(), record.committed(), Map.of(),
                        record.attempts(), record.claimedRanges());
            }
        }
        return snapshots;
    }

    /** Stops serving the topic's groups (the topic is being deleted). */
    public synchronized List<GroupDispatcher> forget(Topic topic) {
        List<GroupDispatcher> removed = new ArrayList<>();
        groups.values().removeIf(dispatcher -> {
            if (dispatcher.topic().id() == topic.id()) {
                dispatcher.close();
                consumerCounts.remove(dispatcher.groupId());
                removed.add(dispatcher);
                return true;
            }
            return false;
        });
        return removed;
    }

    /** Deletes the non-durable groups a previous run of this broker left behind (it crashed); returns how many. */
    public int deleteOrphans() throws SQLException {
        return ledger.deleteOrphans();
    }

    public void tickAll() {
        groups.values().forEach(GroupDispatcher::tick);
    }

    /**
     * Stops serving every group. Non-persistent groups die with their consumers, so their rows go
     * too: left behind, their offsets would hold back the retention of every queue for ever.
     */
    public synchronized void closeAll() {
        for (GroupDispatcher dispatcher : groups.values()) {
            dispatcher.close();
            if (!dispatcher.kind().persistent()) {
                try {
                    ledger.deleteGroup(dispatcher.groupId());
                } catch (SQLException e) {
                    LOG.log(Level.WARNING, dispatcher.describe() + ": could not delete the non-durable group while"
                            + " stopping: " + e.getMessage() + "; delete it with DELETE FROM consumer_group WHERE id = "
                            + dispatcher.groupId(), e);
                }
            }
        }
        groups.clear();
        consumerCounts.clear();
    }
}
