package io.rowmq.broker.dispatch;

import io.rowmq.broker.admin.Topic;
import io.rowmq.broker.store.QueueLocator;
import io.rowmq.broker.store.QueueRef;
import io.rowmq.broker.store.QueueTail;
import io.rowmq.broker.store.SerialExecutor;
import io.rowmq.protocol.GroupKind;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
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
    }

    /** The group's dispatcher, created and loaded from the admin schema if this broker does not serve it yet. */
    public synchronized GroupDispatcher open(Topic topic, String name, GroupKind kind, String selector)
            throws SQLException {
        GroupLedger.GroupRow row = ledger.findOrCreate(topic, name, kind, selector,
                queue -> kind == GroupKind.QUEUE ? 0 : tails.apply(queue).high());
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
