package io.rowmq.broker.cli;

import io.rowmq.protocol.BrokerError;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a reply of the broker and turns a failure into a one-line {@link CliFailure}. */
final class Replies {
    /** Longer than any request timeout of the client: the client itself fails the request first. */
    private static final long LAST_RESORT_TIMEOUT_MS = 120_000;

    private Replies() {
    }

    /**
     * The value of {@code reply}.
     *
     * @param what what was asked, for the error line: "create topic 'orders'"
     */
    static <T> T await(CompletableFuture<T> reply, String what) {
        try {
            return reply.get(LAST_RESORT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(what, e.getCause());
        } catch (TimeoutException e) {
            throw new CliFailure("Could not " + what + ": no reply from the broker within "
                    + LAST_RESORT_TIMEOUT_MS + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("Interrupted while waiting to " + what, e);
        }
    }

    static CliFailure failure(String what, Throwable cause) {
        if (cause instanceof BrokerError error) {
            return new CliFailure("Could not " + what + ": the broker answered " + error.code() + ": "
                    + error.getMessage() + (error.retriable() ? " (retriable: try again later)" : ""), error);
        }
        return new CliFailure("Could not " + what + ": " + cause.getMessage(), cause);
    }
}
