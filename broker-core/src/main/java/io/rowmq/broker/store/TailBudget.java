package io.rowmq.broker.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of payload all queue tails together may keep in memory. Tails reserve and release
 * once per commit, not per message; a commit that does not fit is simply not cached, and its
 * readers go to the table.
 */
public final class TailBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    public TailBudget(long limitBytes) {
        if (limitBytes < 0) {
            throw new IllegalArgumentException("broker.tail-cache-bytes must not be negative, was " + limitBytes);
        }
        this.limit = limitBytes;
    }

    boolean tryReserve(long bytes) {
        if (bytes == 0) {
            return true;
        }
        while (true) {
            long current = used.get();
            if (current + bytes > limit) {
                return false;
            }
            if (used.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        if (bytes != 0) {
            used.addAndGet(-bytes);
        }
    }

    public long used() {
        return used.get();
    }

    public long limit() {
        return limit;
    }
}
