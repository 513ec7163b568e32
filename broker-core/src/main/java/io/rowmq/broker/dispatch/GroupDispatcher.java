package io.rowmq.broker.dispatch;

import io.rowmq.broker.admin.Topic;
import io.rowmq.broker.store.QueueLocator;
import io.rowmq.broker.store.SerialExecutor;
import io.rowmq.broker.store.StoreErrors;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.MessageRef;
import io.rowmq.protocol.selector.Selector;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One consumer group on this broker: hands messages of every queue of the topic to the
 * group's consumers, settles acknowledgements, redelivers what is released or whose lease
 * expired, and parks what failed its last attempt. All state is confined to one
 * {@link SerialExecutor}; acknowledgements that arrive together share one offset commit.
 * Selectors (decision D14): a queue group's consumers each have their own; every other group
 * has one for all its consumers, read from its row.
 */
public final class GroupDispatcher {
    private final GroupLedger.GroupRow group;
    private final Topic topic;
    private final GroupLedger ledger;
    private final SerialExecutor actor;
    private final Clock clock;
    private final long leaseMs;
    private final QueueCursor[] cursors;
    private final FailureHandler failures;
    private final FetchCollector collector;
    /** Settled offsets that moved without an ack (expired or filtered messages) are saved at least this often. */
    private static final long IDLE_COMMIT_MS = 1000;

    private final TransactionHolds holds;
    private final Map<Long, GroupConsumer> consumers = new HashMap<>();
    private final ArrayDeque<PendingFetch> waiting = new ArrayDeque<>();
    private final List<CompletableFuture<Void>> awaitingCommit = new ArrayList<>();
    private final AtomicBoolean pokeScheduled = new AtomicBoolean();
    private final Runnable tailListener = this::poke;
    private boolean commitScheduled;
    private long lastCommitAt;
    /** Set on the actor by {@link #close()}: a fetch that arrives later would wait for ever, no tick reaches it. */
    private boolean closed;

    private record PendingFetch(GroupConsumer consumer, int max, long deadline,
                                CompletableFuture<List<Delivery>> result) {
    }

    GroupDispatcher(GroupLedger.GroupRow group, Topic topic, GroupLedger ledger, QueueLocator tables,
                    SerialExecutor actor, DispatchSettings settings, QueueCursor[] cursors) {
        this.group = group;
        this.topic = topic;
        this.ledger = ledger;
        this.actor = actor;
        this.clock = settings.clock();
        this.leaseMs = settings.leaseMs();
        this.cursors = cursors;
        this.failures = new FailureHandler(group, topic, ledger, cursors);
        Selector groupSelector = group.kind() == GroupKind.QUEUE || group.selector() == null ? null
                : Selector.parse(group.selector());
        this.collector = new FetchCollector(group, describe(), cursors, consumers, groupSelector, tables, ledger,
                settings);
        this.holds = new TransactionHolds(group.id(), describe(), cursors, failures);
        for (QueueCursor cursor : cursors) {
            cursor.tail.addListener(tailListener);
        }
    }

    public long groupId() {
        return group.id();
    }

    public GroupKind kind() {
        return group.kind();
    }

    public Topic topic() {
        return topic;
    }

    /** Messages skipped because their time to live had passed. */
    public long expiredCount() {
        return collector.expiredCount();
    }

    /** Messages the group's selector rejected and settled without delivering them. */
    public long filteredCount() {
        return collector.filteredCount();
    }

    /**
     * Adds a consumer. {@code selector} is the consumer's own, in a queue group only (null: every
     * message); a subscription's consumers share the selector the group was created with.
     */
    public CompletableFuture<Void> addConsumer(long consumerId, Selector selector) {
        if (selector != null && group.kind() != GroupKind.QUEUE) {
            throw new IllegalArgumentException(describe() + ": only a queue group has a selector per consumer");
        }
        return onActor(() -> {
            consumers.put(consumerId, new GroupConsumer(consumerId, selector, cursors.length, clock.millis()));
            return null;
        });
    }

    /** Closes the consumer, giving back what it held; completes with true when the group has no consumer left. */
    public CompletableFuture<Boolean> removeConsumer(long consumerId) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        actor.execute(() -> {
            GroupConsumer consumer = consumers.remove(consumerId);
            for (QueueCursor cursor : cursors) {
                cursor.forgetConsumer(consumerId);
            }
            waiting.removeIf(pending -> {
                if (pending.consumer().id == consumerId) {
                    pending.result().complete(List.of());
                    return true;
                }
                return false;
            });
            if (consumer != null) {
                releaseEverythingOf(consumer, "consumer " + consumerId + " closed before acknowledging", result,
                        consumers.isEmpty());
            } else {
                result.complete(consumers.isEmpty());
            }
        });
        return result;
    }

    public CompletableFuture<List<Delivery>> fetch(long consumerId, int max, long maxWaitMs) {
        CompletableFuture<List<Delivery>> result = new CompletableFuture<>();
        actor.execute(() -> {
            if (closed) {
                result.completeExceptionally(new BrokerError(ErrorCode.SHUTTING_DOWN, describe() + " is closing"));
                return;
            }
            GroupConsumer consumer = consumers.get(consumerId);
            if (consumer == null) {
                result.completeExceptionally(unknownConsumer(consumerId));
                return;
            }
            long now = clock.millis();
            consumer.lastSeen = now;
            try {
                List<Delivery> deliveries = collect(consumer, max);
                if (!deliveries.isEmpty() || maxWaitMs <= 0) {
                    result.complete(deliveries);
                } else {
                    waiting.add(new PendingFetch(consumer, max, now + maxWaitMs, result));
                }
            } catch (SQLException | RuntimeException e) {
                result.completeExceptionally(StoreErrors.translate(describe() + ": fetch", e));
            }
        });
        return result;
    }

    public CompletableFuture<Void> ack(long consumerId, List<MessageRef> refs) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        actor.execute(() -> {
            touch(consumerId);
            try {
                for (MessageRef ref : refs) {
                    QueueCursor cursor = cursor(ref.queueIndex());
                    QueueCursor.InFlight inFlight = cursor.inFlight.get(ref.offset());
                    if (inFlight != null && inFlight.consumerId() != consumerId) {
                        continue; // redelivered to another consumer after this one's lease expired: that one settles it
                    }
                    // A late ack while the message waits for redelivery still settles it: the work was done.
                    if (cursor.inFlight.remove(ref.offset()) != null || cursor.redeliver.remove(ref.offset()) != null
                            || cursor.removeUnmatched(ref.offset(), consumers) != null) {
                        cursor.settle(ref.offset());
                    }
                }
            } catch (BrokerError e) {
                result.completeExceptionally(e);
                return;
            }
            awaitCommit(result);
        });
        return result;
    }

    public CompletableFuture<Void> release(long consumerId, List<MessageRef> refs, String reason,
                                           boolean countAttempt) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        actor.execute(() -> {
            touch(consumerId);
            try {
                List<MessageRef> held = new ArrayList<>(refs.size());
                for (MessageRef ref : refs) {
                    QueueCursor.InFlight inFlight = cursor(ref.queueIndex()).inFlight.get(ref.offset());
                    if (inFlight != null && inFlight.consumerId() == consumerId) {
                        held.add(ref);
                    }
                }
                failures.release(held, reason, countAttempt);
            } catch (SQLException | RuntimeException e) {
                result.completeExceptionally(StoreErrors.translate(describe() + ": release", e));
                return;
            }
            awaitCommit(result);
            serveWaiting();
        });
        return result;
    }

    /** The group's position in every queue, by queue index, copied on the group's executor for a browser. */
    CompletableFuture<QueueSnapshot[]> snapshot() {
        return onActor(() -> {
            QueueSnapshot[] snapshots = new QueueSnapshot[cursors.length];
            for (int i = 0; i < cursors.length; i++) {
                snapshots[i] = cursors[i].snapshot();
            }
            return snapshots;
        });
    }

    /**
     * Takes the consumer's deliveries for a transaction being recorded: no one else gets them
     * until {@link #settleHeld} or {@link #releaseHeld}. All or none; fails with
     * TRANSACTION_ROLLED_BACK when one is no longer the consumer's.
     */
    public CompletableFuture<List<HeldAck>> hold(long consumerId, List<MessageRef> refs) {
        return onActor(() -> {
            touch(consumerId);
            return holds.hold(consumerId, refs);
        });
    }

    /** Settles held messages (their transaction committed); completes after the offset commit. */
    public CompletableFuture<Void> settleHeld(List<MessageRef> refs) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        actor.execute(() -> {
            try {
                holds.settle(refs);
            } catch (BrokerError e) {
                result.completeExceptionally(e);
                return;
            }
            awaitCommit(result);
        });
        return result;
    }

    /** Returns held messages to their consumer unchanged: the transaction taking them was not recorded. */
    public CompletableFuture<Void> restoreHeld(long consumerId, List<MessageRef> refs) {
        return onActor(() -> {
            holds.restore(consumerId, refs);
            return null;
        });
    }

    /** Gives held messages back for redelivery, counting the attempt (their transaction rolled back). */
    public CompletableFuture<Void> releaseHeld(List<MessageRef> refs, String reason) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        actor.execute(() -> {
            try {
                holds.giveBack(refs, reason);
            } catch (BrokerError e) {
                result.completeExceptionally(e);
                return;
            }
            awaitCommit(result);
            serveWaiting();
        });
        return result;
    }

    /** Periodic work: expired consumer leases, long polls that ran out, delayed messages that fell due. */
    public void tick() {
        actor.execute(() -> {
            long now = clock.millis();
            for (PendingFetch pending : waiting) {
                pending.consumer().lastSeen = now;
            }
            for (GroupConsumer consumer : new ArrayList<>(consumers.values())) {
                if (consumer.lastSeen + leaseMs < now) {
                    consumer.lastSeen = now;
                    releaseEverythingOf(consumer, "lease of consumer " + consumer.id + " expired after " + leaseMs
                            + " ms without a fetch or ack", new CompletableFuture<>(), false);
                }
            }
            serveWaiting();
            saveSettledOffsets(now);
        });
    }

    /**
     * Expired messages and messages the group's selector rejected move the committed offset
     * without any ack; save it now and then, so retention and a restart do not wait for the next
     * delivered message.
     */
    private void saveSettledOffsets(long now) {
        if (commitScheduled || now - lastCommitAt < IDLE_COMMIT_MS) {
            return;
        }
        for (QueueCursor cursor : cursors) {
            if (cursor.needsPersist() || cursor.expiredUnsaved > 0) {
                awaitCommit(new CompletableFuture<>());
                return;
            }
        }
    }

    /** Stops serving: waiting fetches end empty, the tails stop notifying this group. */
    public void close() {
        for (QueueCursor cursor : cursors) {
            cursor.tail.removeListener(tailListener);
        }
        actor.execute(() -> {
            closed = true;
            waiting.forEach(pending -> pending.result().completeExceptionally(
                    new BrokerError(ErrorCode.SHUTTING_DOWN, describe() + " is closing")));
            waiting.clear();
        });
    }

    private void poke() {
        if (pokeScheduled.compareAndSet(false, true)) {
            actor.execute(() -> {
                pokeScheduled.set(false);
                serveWaiting();
            });
        }
    }

    private void serveWaiting() {
        long now = clock.millis();
        Iterator<PendingFetch> pending = waiting.iterator();
        while (pending.hasNext()) {
            PendingFetch fetch = pending.next();
            try {
                List<Delivery> deliveries = hasWork(fetch.consumer(), now) ? collect(fetch.consumer(), fetch.max())
                        : List.of();
                if (!deliveries.isEmpty()) {
                    fetch.result().complete(deliveries);
                    pending.remove();
                } else if (fetch.deadline() <= now) {
                    fetch.result().complete(List.of());
                    pending.remove();
                }
            } catch (SQLException | RuntimeException e) {
                fetch.result().completeExceptionally(StoreErrors.translate(describe() + ": fetch", e));
                pending.remove();
            }
        }
    }

    private boolean hasWork(GroupConsumer consumer, long now) {
        for (QueueCursor cursor : cursors) {
            if (cursor.hasWork(consumer, now)) {
                return true;
            }
        }
        return false;
    }

    private List<Delivery> collect(GroupConsumer consumer, int max) throws SQLException {
        List<Delivery> out = collector.collect(consumer, consumer.nextQueue, max);
        consumer.nextQueue = (consumer.nextQueue + 1) % cursors.length;
        return out;
    }

    private void releaseEverythingOf(GroupConsumer consumer, String reason, CompletableFuture<Boolean> result,
                                     boolean value) {
        List<MessageRef> held = new ArrayList<>();
        for (QueueCursor cursor : cursors) {
            cursor.inFlight.forEach((offset, inFlight) -> {
                if (inFlight.consumerId() == consumer.id) {
                    held.add(new MessageRef(cursor.queue.index(), offset));
                }
            });
        }
        try {
            failures.release(held, reason, true);
        } catch (SQLException | RuntimeException e) {
            // A closed consumer is gone and the tick only expires open ones: never leave its messages in flight.
            failures.giveBack(held, describe() + ": release of " + held.size() + " messages of consumer "
                    + consumer.id, e);
        }
        CompletableFuture<Void> committed = new CompletableFuture<>();
        awaitCommit(committed);
        committed.whenComplete((ignored, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        });
        serveWaiting();
    }

    private void awaitCommit(CompletableFuture<Void> result) {
        for (QueueCursor cursor : cursors) {
            cursor.advanceCommitted();
        }
        awaitingCommit.add(result);
        if (!commitScheduled) {
            commitScheduled = true;
            actor.execute(this::commitOffsets);
        }
    }

    private void commitOffsets() {
        commitScheduled = false;
        lastCommitAt = clock.millis();
        List<CompletableFuture<Void>> results = new ArrayList<>(awaitingCommit);
        awaitingCommit.clear();
        Map<Long, GroupLedger.OffsetCommit> changed = new HashMap<>();
        for (QueueCursor cursor : cursors) {
            if (cursor.needsPersist() || cursor.expiredUnsaved > 0) {
                changed.put(cursor.queue.queueId(), new GroupLedger.OffsetCommit(cursor.committed, cursor.expiredUnsaved,
                        cursor.skippedToSave(), cursor.skippedSettled()));
            }
        }
        try {
            if (!changed.isEmpty()) {
                ledger.commitOffsets(group.id(), changed);
                for (QueueCursor cursor : cursors) {
                    GroupLedger.OffsetCommit saved = changed.get(cursor.queue.queueId());
                    if (saved != null) {
                        cursor.persistedCommitted = saved.committed();
                        cursor.expiredUnsaved -= saved.expired();
                        cursor.skippedCommitted(saved.skippedToSave().keySet(), saved.skippedSettled());
                    }
                }
            }
            results.forEach(result -> result.complete(null));
        } catch (SQLException | RuntimeException e) {
            BrokerError error = StoreErrors.translate(describe() + ": offset commit", e);
            results.forEach(result -> result.completeExceptionally(error));
        }
    }

    private void touch(long consumerId) {
        GroupConsumer consumer = consumers.get(consumerId);
        if (consumer != null) {
            consumer.lastSeen = clock.millis();
        }
    }

    private QueueCursor cursor(int queueIndex) {
        if (queueIndex < 0 || queueIndex >= cursors.length) {
            throw new BrokerError(ErrorCode.INVALID_REQUEST, describe() + ": queue index " + queueIndex
                    + " is out of range 0.." + (cursors.length - 1));
        }
        return cursors[queueIndex];
    }

    private BrokerError unknownConsumer(long consumerId) {
        return new BrokerError(ErrorCode.UNKNOWN_CONSUMER, describe() + ": consumer " + consumerId + " is not open");
    }

    private <T> CompletableFuture<T> onActor(Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, actor);
    }

    String describe() {
        return "Topic '" + topic.name() + "' group '" + group.name() + "'";
    }
}
