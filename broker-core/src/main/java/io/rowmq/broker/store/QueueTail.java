package io.rowmq.broker.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The newest committed messages of one queue, kept in memory so consumers that keep up are
 * served without reading MySQL, and the queue's committed high-water mark: no reader may read
 * past it. One writer (the queue's {@link GroupCommitWriter}) appends; any thread reads
 * without a lock. Payloads above {@link #MAX_CACHED_PAYLOAD} are not cached, nor is a commit
 * that does not fit the {@link TailBudget} shared by all tails: heap use stays bounded however
 * many queues and however large the messages.
 */
public final class QueueTail {
    private static final Logger LOG = Logger.getLogger(QueueTail.class.getName());
    static final int MAX_CACHED_PAYLOAD = 64 * 1024;

    private final AtomicReferenceArray<StoredMessage> ring;
    private final int mask;
    private final TailBudget budget;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long written;
    private volatile long published;
    private volatile long high;

    public QueueTail(int capacity, long committedHigh, TailBudget budget) {
        int size = capacity <= 2 ? 2 : Integer.highestOneBit(capacity - 1) << 1;
        this.ring = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
        this.high = committedHigh;
        this.budget = budget;
    }

    /** The highest committed offset of the queue. */
    public long high() {
        return high;
    }

    /** Called after every publish, on the writer's thread: must be quick and must not block. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /** Writer only: makes committed messages visible, in offset order. */
    void publish(long[] offsets, List<byte[]> payloads, long[] expiresAt, long[] deliverAt) {
        int count = offsets.length;
        int firstCached = Math.max(0, count - ring.length());
        budget.release(cachedBytes(Math.min(count, ring.length())));
        long needed = 0;
        for (int i = firstCached; i < count; i++) {
            needed += cacheable(payloads.get(i)) ? payloads.get(i).length : 0;
        }
        boolean cache = budget.tryReserve(needed);
        long previous = high;
        for (int i = 0; i < count; i++) {
            byte[] payload = payloads.get(i);
            boolean keep = cache && i >= firstCached && cacheable(payload);
            ring.set((int) (written & mask), new StoredMessage(offsets[i], previous, expiresAt[i], deliverAt[i],
                    keep ? payload : null));
            written++;
            previous = offsets[i];
        }
        published = written;
        high = previous;
        notifyListeners();
    }

    /** A listener's failure must not turn a committed send into a failed one: it is logged, the others still run. */
    private void notifyListeners() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A consumer group could not be told of new messages (it is probably closing);"
                        + " it finds them on its next fetch", e);
            }
        }
    }

    /**
     * Writer only: raises the high-water mark to rows committed without being published (a
     * commit whose reply was lost). The next published entry then links to the new mark, so a
     * reader below it is sent to the table rather than served across the unseen rows.
     */
    void advanceTo(long committedHigh) {
        if (committedHigh > high) {
            high = committedHigh;
            notifyListeners();
        }
    }

    /** Writer only: forgets every cached payload, giving its bytes back to the budget. */
    void clear() {
        budget.release(cachedBytes(ring.length()));
        for (int i = 0; i < ring.length(); i++) {
            ring.set(i, null);
        }
    }

    /** Payload bytes held by the next {@code slots} slots the writer will overwrite. */
    private long cachedBytes(int slots) {
        long bytes = 0;
        for (int i = 0; i < slots; i++) {
            StoredMessage old = ring.get((int) ((written + i) & mask));
            if (old != null && old.payload() != null) {
                bytes += old.payload().length;
            }
        }
        return bytes;
    }

    private static boolean cacheable(byte[] payload) {
        return payload.length <= MAX_CACHED_PAYLOAD;
    }

    /**
     * Up to {@code max} messages with offsets above {@code after}, from memory: an empty list when
     * there is nothing above {@code after}, null when the cache cannot prove it holds them (the
     * caller then reads the table).
     */
    public List<StoredMessage> readAfter(long after, int max) {
        long upTo = high;
        if (after >= upTo) {
            return List.of();
        }
        long end = published;
        long start = Math.max(0, end - ring.length());
        long index = firstAbove(after, start, end);
        if (index < 0) {
            return null;
        }
        List<StoredMessage> messages = new ArrayList<>(Math.min(max, 256));
        long previous = after;
        for (long i = index; i < end && messages.size() < max; i++) {
            StoredMessage message = ring.get((int) (i & mask));
            if (message == null || message.offset() > upTo) {
                break;
            }
            boolean contiguous = messages.isEmpty() ? message.previousOffset() <= after && message.offset() > after
                    : message.previousOffset() == previous;
            if (!contiguous) {
                return messages.isEmpty() ? null : messages;
            }
            if (message.payload() == null) {
                break;
            }
            messages.add(message);
            previous = message.offset();
        }
        return messages.isEmpty() ? null : messages;
    }

    private long firstAbove(long after, long start, long end) {
        long low = start;
        long highIndex = end - 1;
        while (low <= highIndex) {
            long mid = (low + highIndex) >>> 1;
            StoredMessage message = ring.get((int) (mid & mask));
            if (message == null) {
                return -1;
            }
            if (message.offset() > after) {
                highIndex = mid - 1;
            } else {
                low = mid + 1;
            }
        }
        return low < end ? low : -1;
    }
}
