package io.rowmq.broker;

import io.rowmq.broker.admin.Topic;
import io.rowmq.broker.store.GroupCommitWriter;
import io.rowmq.broker.store.QueueLocator;
import io.rowmq.broker.store.QueueRef;
import io.rowmq.broker.store.QueueTable;
import io.rowmq.broker.store.QueueTail;
import io.rowmq.broker.store.SegmentRetirer;
import io.rowmq.broker.store.SerialExecutor;
import io.rowmq.broker.store.TailBudget;
import io.rowmq.broker.store.WriteLeases;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.RecordHeader;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The queues this broker writes: one {@link GroupCommitWriter} per queue, created when the
 * broker takes the queue's write lease, and the choice of queue for a send that names none.
 */
final class QueueWriters {
    private static final Logger LOG = Logger.getLogger(QueueWriters.class.getName());
    private static final int TAIL_CAPACITY = 1024;

    private final QueueLocator tables;
    private final WriteLeases leases;
    private final ExecutorService pool;
    private final TailBudget tailBudget;
    private final Clock clock;
    private final ConcurrentMap<Long, GroupCommitWriter> writers = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, AtomicInteger> nextQueue = new ConcurrentHashMap<>();
    /** Sends in arrival order while a queue's writer is being created. */
    private final ArrivalOrder<Long, GroupCommitWriter> opening;
    /** Queue id -> until when (System.nanoTime()) another broker is taken to be writing it. */
    private final ConcurrentMap<Long, Long> foreign = new ConcurrentHashMap<>();

    QueueWriters(DataSource dataSource, QueueLocator tables, EngineSettings settings, ExecutorService pool,
                 Executor setup) {
        this.tables = tables;
        this.leases = new WriteLeases(dataSource, settings.brokerId(), Math.max(settings.leaseMs(), 3000));
        this.pool = pool;
        this.opening = new ArrivalOrder<>(setup);
        this.tailBudget = new TailBudget(settings.tailCacheBytes());
        this.clock = settings.clock();
    }

    CompletableFuture<AppendResult> append(Topic topic, int queueIndex, long producerId, long baseSequence,
                                           List<byte[]> records, List<RecordHeader> headers) {
        int index = queueIndex >= 0 ? queueIndex : pickQueue(topic, producerId);
        if (index >= topic.queues().size()) {
            return CompletableFuture.failedFuture(new BrokerError(ErrorCode.INVALID_REQUEST, "Topic '" + topic.name()
                    + "' has queues 0.." + (topic.queues().size() - 1) + ", not " + queueIndex));
        }
        QueueRef queue = topic.queue(index);
        // Taking the lease is blocking SQL: never on the caller's (network) thread.
        return opening.run(queue.queueId(), () -> writers.get(queue.queueId()), () -> writer(queue),
                writer -> writer.append(producerId, baseSequence, records, headers));
    }

    /**
     * The queue a transaction sends to ({@code queueIndex} -1: one picked as for a plain send),
     * with this broker's write lease taken, so the committed transaction can be applied. Blocking.
     */
    QueueRef writable(Topic topic, int queueIndex) {
        int index = queueIndex >= 0 ? queueIndex : pickQueue(topic, 0);
        if (index >= topic.queues().size()) {
            throw new BrokerError(ErrorCode.INVALID_REQUEST, "Topic '" + topic.name() + "' has queues 0.."
                    + (topic.queues().size() - 1) + ", not " + queueIndex);
        }
        QueueRef queue = topic.queue(index);
        writer(queue);
        return queue;
    }

    /**
     * A queue for a send that names none, passing over those another broker was found writing
     * (for a lease's length), so a producer is routed to queues this broker can write. An
     * idempotent producer sticks to one queue, chosen by a stable hash of its id, so its messages
     * arrive in the order it sent them; other sends take the topic's queues in turn.
     */
    private int pickQueue(Topic topic, long producerId) {
        int count = topic.queues().size();
        int start = producerId != 0 ? stickyQueue(producerId, count)
                : nextQueue.computeIfAbsent(topic.id(), id -> new AtomicInteger()).getAndIncrement();
        long now = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int index = Math.floorMod(start + i, count);
            Long until = foreign.get(topic.queue(index).queueId());
            if (until == null || now - until > 0) {
                return index;
            }
        }
        return Math.floorMod(start, count);
    }

    /** The queue a producer sticks to: its id mixed (MurmurHash3's finalizer) so that ids in sequence spread. */
    static int stickyQueue(long producerId, int queueCount) {
        long h = producerId;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) Math.floorMod(h, (long) queueCount);
    }

    /** The queue's committed tail; takes the write lease on first use. */
    QueueTail tail(QueueRef queue) {
        return writer(queue).tail();
    }

    private GroupCommitWriter writer(QueueRef queue) {
        return writers.computeIfAbsent(queue.queueId(), id -> {
            try {
                long start = System.nanoTime();
                if (!leases.acquire(id)) {
                    foreign.put(id, leases.validUntil(start));
                    throw new BrokerError(ErrorCode.NOT_QUEUE_OWNER, queue + " is written by another broker whose"
                            + " write lease has not expired; connect to that broker or retry later");
                }
                long high;
                DataSource node = tables.of(queue);
                try (Connection connection = node.getConnection()) {
                    high = QueueTable.maxOffset(connection, queue.tableName());
                }
                QueueTail tail = new QueueTail(TAIL_CAPACITY, high, tailBudget);
                return new GroupCommitWriter(queue, node, tail, new SerialExecutor("writer " + queue, pool),
                        leases, leases.validUntil(start), clock);
            } catch (SQLException e) {
                throw io.rowmq.broker.store.StoreErrors.translate(queue + ": taking the write lease", e);
            }
        });
    }

    void forget(Topic topic) {
        topic.queues().forEach(queue -> {
            GroupCommitWriter writer = writers.remove(queue.queueId());
            if (writer != null) {
                writer.retire();
            }
        });
        nextQueue.remove(topic.id());
    }

    /** Drops consumed segments and adds segments ahead on every queue this broker writes; returns how many were dropped. */
    int maintainSegments(SegmentRetirer retirer) {
        int dropped = 0;
        for (GroupCommitWriter writer : writers.values()) {
            try {
                dropped += retirer.maintain(writer.queue(), writer.tail().high());
            } catch (SQLException e) {
                LOG.log(Level.WARNING, writer.queue() + ": segment maintenance failed: " + e.getMessage()
                        + "; retried on the next check", e);
            }
        }
        return dropped;
    }

    /** Fails the sends that waited longer than the store timeout on any queue. */
    void failOverdue(long timeoutMs) {
        int failed = 0;
        for (GroupCommitWriter writer : writers.values()) {
            failed += writer.failOverdue(timeoutMs);
        }
        if (failed > 0) {
            int count = failed;
            LOG.warning(() -> count + " sends timed out after " + timeoutMs + " ms waiting for the database;"
                    + " their producers get a retriable STORE_TIMEOUT");
        }
    }

    void renewLeases() {
        if (writers.isEmpty()) {
            return;
        }
        try {
            long start = System.nanoTime();
            Set<Long> held = leases.renewAll();
            writers.values().removeIf(writer -> {
                if (held.contains(writer.queue().queueId())) {
                    writer.leaseRenewed(leases.validUntil(start));
                    return false;
                }
                LOG.severe(() -> writer.queue() + ": another broker took this broker's write lease (it could not be"
                        + " renewed in time); this broker stops writing the queue");
                foreign.put(writer.queue().queueId(), leases.validUntil(start));
                writer.retire();
                return true;
            });
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Could not renew the write leases of " + writers.size() + " queues: "
                    + e.getMessage() + "; retrying on the next period", e);
        }
    }

    void releaseLeases() {
        try {
            int released = leases.releaseAll();
            LOG.info(() -> "Released the write leases of " + released + " queues");
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Could not release the write leases; they expire by themselves", e);
        }
    }
}
