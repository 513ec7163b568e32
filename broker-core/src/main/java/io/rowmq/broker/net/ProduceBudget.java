package io.rowmq.broker.net;

import io.netty.channel.Channel;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the bytes of the PRODUCE requests the broker holds, received and not yet answered, over
 * all connections. Messages wait for their commit in the heap, so without a bound a few
 * producers of large messages with several sends in flight each fill any heap (8 producers x
 * 8 sends x 10 MB ran a -Xmx256m broker out of memory). Past the limit, a connection that brings
 * more is no longer read: TCP pushes back on its producer, whose sends wait instead of failing.
 * Every paused connection is read again once the bytes held fall to half the limit. A
 * connection can pass the limit by the one frame that paused it, so the heap held is at most
 * the limit plus one maximum frame per producing connection.
 */
final class ProduceBudget {
    /** 32 MiB: thousands of 1 KiB sends in flight, a small share of a 256 MiB heap. */
    static final long DEFAULT_LIMIT = 32L << 20;

    private final long limit;
    private final AtomicLong held = new AtomicLong();
    private final Queue<Channel> paused = new ConcurrentLinkedQueue<>();

    ProduceBudget(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the produce budget must be at least 1 byte, was " + limit);
        }
        this.limit = limit;
    }

    /** Counts a request's bytes as held; stops reading its channel when that passes the limit. */
    void take(Channel channel, long bytes) {
        long now = held.addAndGet(bytes);
        if (now > limit) {
            channel.config().setAutoRead(false);
            paused.add(channel);
            if (held.get() <= limit / 2) {
                resumeAll(); // the bytes were given back between the two steps above
            }
        }
    }

    /** The request was answered: its bytes are no longer held. */
    void give(long bytes) {
        if (held.addAndGet(-bytes) <= limit / 2 && !paused.isEmpty()) {
            resumeAll();
        }
    }

    long held() {
        return held.get();
    }

    private void resumeAll() {
        Channel channel;
        while ((channel = paused.poll()) != null) {
            channel.config().setAutoRead(true);
        }
    }
}
