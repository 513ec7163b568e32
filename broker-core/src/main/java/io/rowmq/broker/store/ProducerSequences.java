package io.rowmq.broker.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The last stored sequence of each idempotent producer of one queue, for its single writer.
 * Every queue row carries its producer id and sequence, so the {@code producer} table is only a
 * checkpoint: it is written together with a commit at most once per {@link #CHECKPOINT_MILLIS}
 * (or when many producers are unsaved), and its row with producer id 0 says through which
 * offset it is complete. A writer that takes over the queue, or that lost track after a commit
 * of unknown outcome, reads the checkpoint and scans only the rows after it. A lone
 * synchronous producer therefore pays one plain INSERT per send, not a transaction that also
 * updates a second table (docs/decisions.md D11). Not thread-safe: the writer's flush owns it.
 */
final class ProducerSequences {
    /** How long sequences may stay unsaved: it bounds the rows a recovering writer scans. */
    static final long CHECKPOINT_MILLIS = 1000;
    /** Unsaved producers that force a checkpoint sooner, and the cache size that is dropped after one. */
    private static final int MAX_UNSAVED = 1024;
    private static final int MAX_CACHED = 65_536;
    /** The producer id of the checkpoint row; 0 is never an idempotent producer. */
    static final long THROUGH_ROW = 0;

    private final QueueRef queue;
    private final Clock clock;
    private final Map<Long, Long> known = new HashMap<>();
    private final Map<Long, Long> unsaved = new HashMap<>();
    private boolean recovered;
    private long committedThrough;
    private long lastCheckpointMillis;

    /** {@code committedThrough}: the highest offset in the table when the writer took the queue. */
    ProducerSequences(QueueRef queue, Clock clock, long committedThrough) {
        this.queue = queue;
        this.clock = clock;
        this.committedThrough = committedThrough;
        this.lastCheckpointMillis = clock.millis();
    }

    /** The last stored sequence of the producer in this queue, or -1 when it never sent here. */
    long last(Connection connection, long producerId) throws SQLException {
        if (!recovered) {
            recover(connection);
        }
        Long last = known.get(producerId);
        if (last == null) {
            last = loadCheckpointed(connection, producerId);
            known.put(producerId, last);
        }
        return last;
    }

    /**
     * Removes the sequences of transactions (negative producer ids) from {@code sequences} and
     * returns them: they are saved with the rows of every commit that carries them, and never
     * wait for a checkpoint, so the producer table tells whether a transaction was applied.
     */
    static Map<Long, Long> takeTransactional(Map<Long, Long> sequences) {
        Map<Long, Long> transactional = new HashMap<>();
        sequences.entrySet().removeIf(entry -> {
            if (entry.getKey() < 0) {
                transactional.put(entry.getKey(), entry.getValue());
                return true;
            }
            return false;
        });
        return transactional;
    }

    /** Sequences that were saved in the producer table with their commit. */
    void saved(Map<Long, Long> sequences) {
        known.putAll(sequences);
    }

    /** A commit failed without a known outcome: re-read what the table holds before trusting the cache. */
    void outcomeUnknown() {
        recovered = false;
    }

    /**
     * The sequences to save with the next commit, including the through-row, or an empty map
     * when no checkpoint is due; {@code pending} are the new sequences of that commit.
     */
    Map<Long, Long> checkpointFor(Map<Long, Long> pending) {
        if (!recovered) {
            return Map.of(); // a commit of unknown outcome may hold sequences the cache lacks
        }
        boolean dirty = !unsaved.isEmpty() || !pending.isEmpty();
        boolean due = clock.millis() - lastCheckpointMillis >= CHECKPOINT_MILLIS
                || unsaved.size() + pending.size() >= MAX_UNSAVED;
        if (!dirty || !due) {
            return Map.of();
        }
        Map<Long, Long> save = new HashMap<>(unsaved);
        save.putAll(pending);
        save.put(THROUGH_ROW, committedThrough);
        return save;
    }

    /** The commit stored these sequences up to {@code lastOffset}; {@code checkpointed} if it saved them too. */
    void committed(Map<Long, Long> sequences, long lastOffset, boolean checkpointed) {
        known.putAll(sequences);
        committedThrough = Math.max(committedThrough, lastOffset);
        if (checkpointed) {
            unsaved.clear();
            lastCheckpointMillis = clock.millis();
            if (known.size() > MAX_CACHED) {
                known.clear(); // everything is in the producer table now; reload on demand
            }
        } else {
            unsaved.putAll(sequences);
        }
    }

    /** Loads the checkpoint's end and merges every sequence stored after it. */
    private void recover(Connection connection) throws SQLException {
        long through = loadCheckpointed(connection, THROUGH_ROW);
        long highest = committedThrough;
        try (PreparedStatement scan = connection.prepareStatement("SELECT producer_id, MAX(producer_seq), MAX(id) FROM "
                + queue.tableName() + " WHERE id > ? AND producer_id > 0 GROUP BY producer_id")) {
            scan.setLong(1, Math.max(through, 0));
            try (ResultSet rows = scan.executeQuery()) {
                while (rows.next()) {
                    long producer = rows.getLong(1);
                    long sequence = rows.getLong(2);
                    highest = Math.max(highest, rows.getLong(3));
                    known.merge(producer, sequence, Math::max);
                    unsaved.merge(producer, sequence, Math::max);
                }
            }
        }
        committedThrough = highest;
        recovered = true;
    }

    private long loadCheckpointed(Connection connection, long producerId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT last_sequence FROM producer WHERE producer_id = ? AND queue_id = ?")) {
            select.setLong(1, producerId);
            select.setLong(2, queue.queueId());
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? result.getLong(1) : -1;
            }
        }
    }
}
