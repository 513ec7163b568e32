package io.rowmq.jms.provider;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import io.rowmq.protocol.FrameType;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The requests of one connection still waiting for their reply, by request id. Each is
 * completed exactly once: by its reply, its timeout, a failed write or the connection's end.
 */
final class PendingRequests {

    /** One outstanding request: what it was, how to read its reply and whom to tell. */
    static final class Pending<T> {
        final FrameType type;
        final int requestId;
        final Function<ByteBuf, T> decoder;
        final CompletableFuture<T> future;
        volatile ScheduledFuture<?> timeout;

        Pending(FrameType type, int requestId, Function<ByteBuf, T> decoder, CompletableFuture<T> future) {
            this.type = type;
            this.requestId = requestId;
            this.decoder = decoder;
            this.future = future;
        }

        /** Completes with the decoded reply body; a body that does not parse fails the request. */
        void complete(ByteBuf body) {
            try {
                future.complete(decoder.apply(body));
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        }
    }

    private final Map<Integer, Pending<?>> byId = new ConcurrentHashMap<>();

    void add(Pending<?> pending) {
        byId.put(pending.requestId, pending);
    }

    /** Removes and returns the request with this id, or null when it is no longer waiting. */
    Pending<?> remove(int requestId) {
        Pending<?> pending = byId.remove(requestId);
        if (pending != null && pending.timeout != null) {
            pending.timeout.cancel(false);
        }
        return pending;
    }

    /** Fails the request with this id if it is still waiting. */
    void fail(int requestId, Throwable error) {
        Pending<?> pending = remove(requestId);
        if (pending != null) {
            pending.future.completeExceptionally(error);
        }
    }

    /** Fails every waiting request with the error {@code errorFor} makes for it. */
    void failAll(Function<Pending<?>, Throwable> errorFor) {
        for (Integer id : byId.keySet()) {
            Pending<?> pending = remove(id);
            if (pending != null) {
                pending.future.completeExceptionally(errorFor.apply(pending));
            }
        }
    }

    int size() {
        return byId.size();
    }
}
