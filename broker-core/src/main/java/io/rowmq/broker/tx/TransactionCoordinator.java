package io.rowmq.broker.tx;

import io.rowmq.broker.admin.Topic;
import io.rowmq.broker.dispatch.GroupDispatcher;
import io.rowmq.broker.dispatch.HeldAck;
import io.rowmq.broker.store.QueueLocator;
import io.rowmq.broker.store.QueueRef;
import io.rowmq.broker.store.StoreErrors;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.MessageRef;
import io.rowmq.protocol.RecordHeader;
import io.rowmq.protocol.TransactionAck;
import io.rowmq.protocol.TransactionSend;
import io.rowmq.protocol.TransactionWork;
import io.rowmq.protocol.TransactionXid;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs transactions (docs/decisions.md D16). A transaction is first recorded whole in the admin
 * database, in one database transaction: that is its commit point (or, for an XA branch, its
 * prepare). Then it is applied: its records are appended through the queues' writers under the
 * producer id {@code -transactionId} (so applying it again after a crash writes nothing twice),
 * its acknowledged messages are settled, and its record is deleted. A committed transaction
 * that could not be applied (database down, broker killed) is applied by a periodic check of
 * this broker, after a restart too.
 */
public final class TransactionCoordinator {
    private static final Logger LOG = Logger.getLogger(TransactionCoordinator.class.getName());

    /** Where a crash test stops a transaction, as a broker killed at that point would. */
    public enum CrashPoint {
        NONE,
        /** Recorded as committed, nothing applied: the reply still says committed. */
        AFTER_RECORD,
        /** Applied, but its record is not deleted. */
        AFTER_APPLY
    }

    private final TransactionLog log;
    private final TransactionTargets targets;
    private final String brokerId;
    private final Set<Long> applying = ConcurrentHashMap.newKeySet();
    private volatile CrashPoint crashPoint = CrashPoint.NONE;

    /** The records of one queue, parsed. */
    private record QueueBatch(Topic topic, List<byte[]> records, List<RecordHeader> headers) {
    }

    /** Acknowledged messages held in one group, taken from one consumer (0 when read back). */
    private record Holding(GroupDispatcher group, long consumerId, List<HeldAck> acks) {
        List<MessageRef> refs() {
            return acks.stream().map(HeldAck::ref).toList();
        }
    }

    /** A transaction recorded (or read back), ready to apply. */
    private record Recorded(long id, Map<QueueRef, QueueBatch> sends, List<Holding> holdings) {
    }

    public TransactionCoordinator(DataSource admin, QueueLocator tables, String brokerId, TransactionTargets targets) {
        this.log = new TransactionLog(admin, tables);
        this.targets = targets;
        this.brokerId = brokerId;
    }

    /** For crash tests only: stop every transaction at {@code point} from now on. */
    public void crashAt(CrashPoint point) {
        crashPoint = point;
    }

    /** One-phase commit: completes once the transaction is recorded and applied. */
    public CompletableFuture<Void> commit(TransactionWork work) {
        if (work.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return record(work, TransactionState.COMMITTED, null).thenCompose(this::apply);
    }

    /** Phase one of an XA branch: completes once the branch is durably recorded. */
    public CompletableFuture<Void> prepare(TransactionXid xid, TransactionWork work) {
        return record(work, TransactionState.PREPARED, xid).thenApply(recorded -> null);
    }

    /** Phase two of an XA branch; UNKNOWN_TRANSACTION when no branch has the xid. */
    public CompletableFuture<Void> end(TransactionXid xid, boolean commit) {
        return targets.admin((commit ? "Commit of " : "Roll-back of ") + xid, () -> {
            StoredTransaction tx = log.find(xid).orElseThrow(() -> new BrokerError(ErrorCode.UNKNOWN_TRANSACTION,
                    "No prepared transaction branch " + xid + " is known to broker '" + brokerId
                            + "' (it was already ended, or never prepared)"));
            if (!tx.brokerId().equals(brokerId)) {
                throw new BrokerError(ErrorCode.INVALID_REQUEST, xid + " was prepared on broker '" + tx.brokerId()
                        + "', which holds its acknowledged messages; end it through that broker");
            }
            if (!commit && tx.state() == TransactionState.COMMITTED) {
                throw new BrokerError(ErrorCode.INVALID_REQUEST, xid + " is already committed and cannot be rolled back");
            }
            if (commit && tx.state() == TransactionState.PREPARED && !log.markCommitted(tx.id())) {
                throw new BrokerError(ErrorCode.UNKNOWN_TRANSACTION, xid + " was ended by another request meanwhile");
            }
            return tx.id();
        }).thenCompose(id -> commit ? applyStored(id) : rollBackStored(id, xid));
    }

    /** The xids of every prepared branch in this broker's database. */
    public CompletableFuture<List<TransactionXid>> recover() {
        return targets.admin("Listing prepared transactions", log::prepared);
    }

    /** Applies the committed transactions of this broker that are not applied yet (after a crash or an outage). */
    public CompletableFuture<Void> finishCommitted() {
        if (crashPoint != CrashPoint.NONE) {
            return CompletableFuture.completedFuture(null);
        }
        return targets.admin("Finding committed transactions to apply", () -> {
                    log.deleteOrphanedMarks();
                    return log.committed(brokerId);
                })
                .thenCompose(ids -> {
                    List<CompletableFuture<Void>> applied = new ArrayList<>();
                    for (long id : ids) {
                        if (!applying.contains(id)) {
                            LOG.info(() -> "Applying transaction " + id + ", committed before and not applied yet");
                            applied.add(applyStored(id));
                        }
                    }
                    return CompletableFuture.allOf(applied.toArray(CompletableFuture[]::new));
                });
    }

    private CompletableFuture<Recorded> record(TransactionWork work, TransactionState state, TransactionXid xid) {
        String what = (xid == null ? "Transaction" : "Transaction branch " + xid) + " of " + work.recordCount()
                + " messages";
        return targets.admin(what + ": resolving its queues", () -> resolve(work.sends()))
                .thenCompose(sends -> hold(work.acks(), what).thenCompose(holdings -> targets.admin(what
                        + ": recording it", () -> new Recorded(log.record(brokerId, state, xid, recordsOf(sends),
                        holdings.stream().flatMap(h -> h.acks().stream()).toList()), sends, holdings))
                        .exceptionallyCompose(failure -> {
                            restore(holdings);
                            return CompletableFuture.failedFuture(StoreErrors.translate(what, failure));
                        })));
    }

    private Map<QueueRef, QueueBatch> resolve(List<TransactionSend> sends) throws Exception {
        Map<QueueRef, QueueBatch> byQueue = new LinkedHashMap<>();
        Map<String, QueueRef> picked = new HashMap<>();
        for (TransactionSend send : sends) {
            if (send.records().isEmpty()) {
                continue;
            }
            Topic topic = targets.topic(send.topic());
            QueueRef queue = send.queueIndex() >= 0 ? targets.writableQueue(topic, send.queueIndex())
                    : picked.get(topic.name());
            if (queue == null) {
                queue = targets.writableQueue(topic, -1);
                picked.put(topic.name(), queue);
            }
            List<RecordHeader> headers = targets.headers(topic.name(), send.records());
            QueueBatch batch = byQueue.computeIfAbsent(queue, q -> new QueueBatch(topic, new ArrayList<>(),
                    new ArrayList<>()));
            batch.records().addAll(send.records());
            batch.headers().addAll(headers);
        }
        return byQueue;
    }

    private static Map<QueueRef, List<byte[]>> recordsOf(Map<QueueRef, QueueBatch> sends) {
        Map<QueueRef, List<byte[]>> records = new LinkedHashMap<>();
        sends.forEach((queue, batch) -> records.put(queue, batch.records()));
        return records;
    }

    /** Takes the acknowledged messages from their consumers: all, or none with the error. */
    private CompletableFuture<List<Holding>> hold(List<TransactionAck> acks, String what) {
        List<CompletableFuture<Holding>> holds = new ArrayList<>();
        for (TransactionAck ack : acks) {
            if (ack.refs().isEmpty()) {
                continue;
            }
            GroupDispatcher group = targets.consumer(ack.consumerId());
            holds.add(group == null
                    ? CompletableFuture.failedFuture(new BrokerError(ErrorCode.UNKNOWN_CONSUMER, what + ": consumer "
                    + ack.consumerId() + " is not open on this broker"))
                    : group.hold(ack.consumerId(), ack.refs())
                    .thenApply(held -> new Holding(group, ack.consumerId(), held)));
        }
        return CompletableFuture.allOf(holds.toArray(CompletableFuture[]::new)).handle((ignored, failure) -> {
            List<Holding> holdings = new ArrayList<>();
            holds.stream().filter(h -> !h.isCompletedExceptionally()).forEach(h -> holdings.add(h.join()));
            if (failure != null) {
                restore(holdings);
                throw StoreErrors.translate(what, failure);
            }
            return holdings;
        });
    }

    /** The transaction failed before its commit point: its messages go back to their consumers unchanged. */
    private static void restore(List<Holding> holdings) {
        for (Holding holding : holdings) {
            holding.group().restoreHeld(holding.consumerId(), holding.refs());
        }
    }

    /** Reads a committed transaction back and applies it; nothing when it is being applied already. */
    private CompletableFuture<Void> applyStored(long id) {
        if (applying.contains(id)) {
            return CompletableFuture.completedFuture(null);
        }
        return targets.admin("Transaction " + id + ": reading it back", () -> readBack(id, log.load(id)))
                .thenCompose(this::apply)
                .exceptionally(failure -> {
                    LOG.log(Level.WARNING, "Transaction " + id + " is committed but could not be read back to apply"
                            + " it: " + failure.getMessage() + "; retried by the periodic check", failure);
                    return null;
                });
    }

    private Recorded readBack(long id, StoredWork work) throws Exception {
        Map<QueueRef, QueueBatch> sends = new LinkedHashMap<>();
        for (StoredWork.QueueSends send : work.sends()) {
            Topic topic = targets.topic(send.topic());
            QueueRef queue = targets.writableQueue(topic, send.queueIndex());
            sends.put(queue, new QueueBatch(topic, send.records(), targets.headers(topic.name(), send.records())));
        }
        Map<Long, List<HeldAck>> byGroup = new LinkedHashMap<>();
        Map<Long, String> topics = new HashMap<>();
        for (StoredWork.StoredAck ack : work.acks()) {
            byGroup.computeIfAbsent(ack.groupId(), g -> new ArrayList<>())
                    .add(new HeldAck(ack.groupId(), 0, ack.queueIndex(), ack.offset(), 0));
            topics.put(ack.groupId(), ack.topic());
        }
        List<Holding> holdings = new ArrayList<>();
        for (Map.Entry<Long, List<HeldAck>> group : byGroup.entrySet()) {
            GroupDispatcher dispatcher = targets.group(targets.topic(topics.get(group.getKey())), group.getKey());
            if (dispatcher != null) {
                holdings.add(new Holding(dispatcher, 0, group.getValue()));
            }
        }
        return new Recorded(id, sends, holdings);
    }

    /**
     * Appends the records and settles the acknowledgements of a committed transaction; completes
     * then, and forgets the transaction in the background (its record and applied-marks are
     * deleted after the reply, which does not need them). Completes normally even when applying
     * fails: the transaction is committed, and the periodic check applies it later.
     */
    private CompletableFuture<Void> apply(Recorded tx) {
        if (crashPoint == CrashPoint.AFTER_RECORD || !applying.add(tx.id())) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<?>> steps = new ArrayList<>();
        tx.sends().forEach((queue, batch) -> steps.add(targets.append(batch.topic(), queue, -tx.id(),
                batch.records(), batch.headers())));
        for (Holding holding : tx.holdings()) {
            steps.add(holding.group().settleHeld(holding.refs()));
        }
        CompletableFuture<Void> applied = CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new));
        applied.thenCompose(done -> forget(tx)).whenComplete((ignored, failure) -> {
            applying.remove(tx.id());
            if (failure != null) {
                LOG.log(Level.WARNING, "Transaction " + tx.id() + " is committed but could not be applied or"
                        + " forgotten yet: " + failure.getMessage() + "; the periodic check finishes it", failure);
            }
        });
        return applied.exceptionally(failure -> null);
    }

    private CompletableFuture<Void> forget(Recorded tx) {
        if (crashPoint == CrashPoint.AFTER_APPLY) {
            return CompletableFuture.completedFuture(null);
        }
        return targets.admin("Transaction " + tx.id() + ": forgetting it once applied", () -> {
            log.delete(tx.id());
            log.deleteAppliedMarks(-tx.id(), tx.sends().keySet());
            return null;
        });
    }

    private CompletableFuture<Void> rollBackStored(long id, TransactionXid xid) {
        return targets.admin("Roll-back of " + xid, () -> {
            Recorded tx = readBack(id, log.load(id));
            log.delete(id);
            return tx;
        }).thenCompose(tx -> {
            List<CompletableFuture<Void>> released = new ArrayList<>();
            for (Holding holding : tx.holdings()) {
                released.add(holding.group().releaseHeld(holding.refs(), "XA transaction branch " + xid
                        + " rolled back"));
            }
            return CompletableFuture.allOf(released.toArray(CompletableFuture[]::new));
        });
    }
}
