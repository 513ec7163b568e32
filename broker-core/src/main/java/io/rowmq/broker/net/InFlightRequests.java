package io.rowmq.broker.net;

import java.util.concurrent.TimeUnit;

/**
 * Counts the requests of all connections that are handed to the engine and not yet answered,
 * so that closing the server can let them finish; once closing, no new request is admitted.
 */
final class InFlightRequests {
    private int count;
    private boolean closing;

    /** Admits one request; false once the server is closing. */
    synchronized boolean begin() {
        if (closing) {
            return false;
        }
        count++;
        return true;
    }

    synchronized void end() {
        count--;
        if (count == 0) {
            notifyAll();
        }
    }

    synchronized boolean closing() {
        return closing;
    }

    /** Stops admitting requests and waits up to {@code timeoutMs} for those admitted; returns how many are left. */
    synchronized int closeAndAwait(long timeoutMs) throws InterruptedException {
        closing = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (count > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return count;
    }
}
