package io.rowmq.broker.store;

import io.rowmq.broker.AppendResult;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.RecordHeader;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one writer of a queue. Sends that arrive while a commit is running are coalesced into
 * the next multi-row insert and one commit (group commit); each send completes only after its
 * commit, then its messages are published to the {@link QueueTail} in offset order.
 * Producer id + sequence make a retried batch a no-op ({@link ProducerSequences}). Negative
 * producer ids are transactions being applied: their sequence is saved with every commit that
 * carries their rows, so applying a transaction again after a crash writes nothing twice.
 */
public final class GroupCommitWriter {
    private static final Logger LOG = Logger.getLogger(GroupCommitWriter.class.getName());
    private static final int MAX_ROWS_PER_COMMIT = 2000;
    private static final long MAX_BYTES_PER_COMMIT = 8L << 20;

    private final QueueRef queue;
    private final DataSource dataSource;
    private final QueueTail tail;
    private final SerialExecutor executor;
    private final Queue<PendingAppend> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    /** Last stored sequence per producer; touched only by flush, which runs serially. */
    private final ProducerSequences sequences;
    /** The database's auto-increment step and packet limit, read on the first commit; touched only by flush. */
    private AppendTransaction.SessionLimits limits;
    /** Set when a commit failed in a way that may still have committed; touched only by flush. */
    private volatile boolean outcomeUnknown;
    private final WriteLeases leases;
    /** Until when (System.nanoTime()) this broker may write the queue without renewing its lease. */
    private volatile long leaseValidUntil;

    /** The sends of the commit running now, so a timer can fail them if the database hangs. */
    private volatile List<PendingAppend> committing = List.of();

    private record PendingAppend(long producerId, long baseSequence, List<byte[]> records, List<RecordHeader> headers,
                                 long bytes, long queuedAtNanos, CompletableFuture<AppendResult> result) {
    }

    public GroupCommitWriter(QueueRef queue, DataSource dataSource, QueueTail tail, SerialExecutor executor,
                             WriteLeases leases, long leaseValidUntilNanos, Clock clock) {
        this.queue = queue;
        this.sequences = new ProducerSequences(queue, clock, tail.high());
        this.dataSource = dataSource;
        this.tail = tail;
        this.executor = executor;
        this.leases = leases;
        this.leaseValidUntil = leaseValidUntilNanos;
    }

    /** The broker renewed this queue's lease: trust it until then (System.nanoTime() scale). */
    public void leaseRenewed(long validUntilNanos) {
        leaseValidUntil = validUntilNanos;
    }

    public QueueRef queue() {
        return queue;
    }

    public QueueTail tail() {
        return tail;
    }

    /** Stops caching: the queue is gone (its topic was deleted); the tail's bytes go back to the budget. */
    public void retire() {
        executor.execute(tail::clear);
    }

    /** Queues the records for the next commit; the headers were parsed by the caller. */
    public CompletableFuture<AppendResult> append(long producerId, long baseSequence, List<byte[]> records,
                                                  List<RecordHeader> headers) {
        long bytes = 0;
        for (byte[] record : records) {
            bytes += record.length;
        }
        CompletableFuture<AppendResult> result = new CompletableFuture<>();
        pending.add(new PendingAppend(producerId, baseSequence, records, headers, bytes, System.nanoTime(), result));
        if (flushScheduled.compareAndSet(false, true)) {
            executor.execute(this::flush);
        }
        return result;
    }

    private void flush() {
        flushScheduled.set(false);
        if (outcomeUnknown && pending.isEmpty()) {
            resyncAlone();
        }
        while (!pending.isEmpty()) {
            List<PendingAppend> batch = takeBatch();
            if (batch.isEmpty()) {
                continue;
            }
            committing = batch;
            try {
                commit(batch);
            } finally {
                committing = List.of();
            }
        }
    }

    /**
     * Fails, with a retriable STORE_TIMEOUT, every send that has waited longer than the timeout:
     * the ones still queued (they will not be written) and the ones whose commit has not
     * returned (their outcome is unknown; an idempotent retry cannot duplicate them). Called
     * by a timer, so the hot path schedules no timeout per send.
     */
    public int failOverdue(long timeoutMs) {
        if (outcomeUnknown && flushScheduled.compareAndSet(false, true)) {
            executor.execute(this::flush);
        }
        long limit = System.nanoTime() - timeoutMs * 1_000_000;
        int failed = 0;
        for (List<PendingAppend> sends : List.of(committing, List.copyOf(pending))) {
            for (PendingAppend append : sends) {
                if (append.queuedAtNanos() < limit && append.result().completeExceptionally(new BrokerError(
                        ErrorCode.STORE_TIMEOUT, queue + ": send of " + append.records().size() + " messages timed out"
                        + " after " + timeoutMs + " ms waiting for the database (" + pending.size() + " sends queued);"
                        + " retry later"))) {
                    failed++;
                }
            }
        }
        return failed;
    }

    private List<PendingAppend> takeBatch() {
        List<PendingAppend> batch = new ArrayList<>();
        int rows = 0;
        long bytes = 0;
        PendingAppend next;
        while (rows < MAX_ROWS_PER_COMMIT && bytes < MAX_BYTES_PER_COMMIT && (next = pending.poll()) != null) {
            if (next.result().isDone()) {
                continue; // timed out while queued: the sender was told, so it is not written
            }
            batch.add(next);
            rows += next.records().size();
            bytes += next.bytes();
        }
        return batch;
    }

    private void commit(List<PendingAppend> batch) {
        Map<Long, Long> newSequences = new HashMap<>();
        List<PendingAppend> accepted = new ArrayList<>(batch.size());
        List<QueueTable.Row> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            ensureLease();
            if (outcomeUnknown) {
                resync(connection);
            }
            if (limits == null) {
                limits = AppendTransaction.SessionLimits.read(connection);
            }
            for (PendingAppend append : batch) {
                if (isTooLarge(append) || isDuplicate(connection, append, newSequences)) {
                    continue;
                }
                accepted.add(append);
                for (int i = 0; i < append.records().size(); i++) {
                    rows.add(new QueueTable.Row(append.headers().get(i), append.producerId(),
                            append.baseSequence() + i, append.records().get(i)));
                }
            }
            Map<Long, Long> transactional = ProducerSequences.takeTransactional(newSequences);
            Map<Long, Long> checkpoint = rows.isEmpty() ? Map.of() : sequences.checkpointFor(newSequences);
            boolean checkpointed = !checkpoint.isEmpty();
            if (!transactional.isEmpty()) {
                // A transaction's sequence is its "applied" mark: always saved with its rows (D16).
                checkpoint = new HashMap<>(checkpoint);
                checkpoint.putAll(transactional);
            }
            long[] offsets = rows.isEmpty() ? new long[0]
                    : AppendTransaction.execute(connection, queue, rows, checkpoint, limits);
            sequences.committed(newSequences, offsets.length == 0 ? 0 : offsets[offsets.length - 1], checkpointed);
            sequences.saved(transactional);
            complete(batch, accepted, rows, offsets);
        } catch (SQLException | RuntimeException e) {
            // The commit may have happened even though it failed here: learn the truth from the table first.
            outcomeUnknown = true;
            sequences.outcomeUnknown();
            String what = queue + ": append of " + rows.size() + " messages";
            LOG.log(Level.WARNING, what + " failed; the senders get a retriable error if the database is down", e);
            var error = StoreErrors.translate(what, e);
            batch.forEach(append -> append.result().completeExceptionally(error));
        }
    }

    /**
     * A message the database cannot take in one packet fails its own send, with what to do,
     * instead of failing every send coalesced into the same commit.
     */
    private boolean isTooLarge(PendingAppend append) {
        long largest = 0;
        for (byte[] record : append.records()) {
            largest = Math.max(largest, record.length);
        }
        if (largest <= limits.maxRowBytes()) {
            return false;
        }
        append.result().completeExceptionally(new BrokerError(ErrorCode.INVALID_REQUEST, queue + ": a message of "
                + largest + " bytes is larger than the database accepts in one statement (max_allowed_packet = "
                + limits.maxAllowedPacket() + " bytes); raise max_allowed_packet on the database server or send"
                + " smaller messages"));
        return true;
    }

    private boolean isDuplicate(Connection connection, PendingAppend append, Map<Long, Long> newSequences)
            throws SQLException {
        if (append.producerId() == 0) {
            return false;
        }
        Long last = newSequences.get(append.producerId());
        if (last == null) {
            last = sequences.last(connection, append.producerId());
        }
        long lastOfBatch = append.baseSequence() + append.records().size() - 1;
        if (append.baseSequence() <= last && lastOfBatch > last) {
            append.result().completeExceptionally(new BrokerError(ErrorCode.INVALID_REQUEST, queue + ": producer "
                    + append.producerId() + " sent sequences " + append.baseSequence() + ".." + lastOfBatch
                    + " but " + last + " is already stored; a retry must resend exactly the batch that failed"));
            return true;
        }
        if (append.baseSequence() <= last) {
            return true;
        }
        newSequences.put(append.producerId(), append.baseSequence() + append.records().size() - 1);
        return false;
    }

    /**
     * After a commit whose outcome is unknown, raises the tail's high-water mark to what the table
     * really holds, so rows that did commit are read from the table instead of being skipped.
     */
    private void resync(Connection connection) throws SQLException {
        long stored = QueueTable.maxOffset(connection, queue.tableName());
        tail.advanceTo(stored);
        outcomeUnknown = false;
    }

    /**
     * A lease that was not renewed in time (the database was unreachable) is renewed before
     * writing; if another broker took the queue meanwhile, this broker must not insert.
     */
    private void ensureLease() throws SQLException {
        if (System.nanoTime() - leaseValidUntil < 0) {
            return;
        }
        long start = System.nanoTime();
        if (!leases.renew(queue.queueId())) {
            throw new BrokerError(ErrorCode.NOT_QUEUE_OWNER, queue + ": this broker's write lease expired and another"
                    + " broker took the queue; send to that broker");
        }
        leaseValidUntil = leases.validUntil(start);
    }

    private void resyncAlone() {
        try (Connection connection = dataSource.getConnection()) {
            resync(connection);
        } catch (SQLException e) {
            LOG.log(Level.FINE, queue + ": re-reading the committed end failed; retried on the next timer tick", e);
        }
    }

    private void complete(List<PendingAppend> batch, List<PendingAppend> accepted, List<QueueTable.Row> rows,
                          long[] offsets) {
        if (offsets.length > 0) {
            List<byte[]> payloads = new ArrayList<>(rows.size());
            long[] expiresAt = new long[rows.size()];
            long[] deliverAt = new long[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                payloads.add(rows.get(i).payload());
                expiresAt[i] = rows.get(i).header().expiration();
                deliverAt[i] = rows.get(i).header().deliverAt();
            }
            tail.publish(offsets, payloads, expiresAt, deliverAt);
        }
        int position = 0;
        int acceptedIndex = 0;
        for (PendingAppend append : batch) {
            if (acceptedIndex < accepted.size() && accepted.get(acceptedIndex) == append) {
                int count = append.records().size();
                long[] own = new long[count];
                System.arraycopy(offsets, position, own, 0, count);
                position += count;
                acceptedIndex++;
                append.result().complete(new AppendResult(queue.index(), false, own));
            } else {
                append.result().complete(AppendResult.duplicateOf(queue.index()));
            }
        }
    }
}
