package io.rowmq.broker;

import java.util.logging.LogManager;

/**
 * The JUL log manager of the broker process. The JDK's own manager closes every handler
 * from a shutdown hook of its own, racing the broker's shutdown hook, so the lines that say
 * the broker stopped cleanly could be lost. This one ignores resets from the moment the
 * broker has started until {@link #resetAfterShutdown()}, called as the last step of the
 * broker's hook. Installed by {@link BrokerMain} through {@code java.util.logging.manager}
 * (not from a method of this class: loading it initializes {@link LogManager}, too early).
 */
public final class BrokerLogManager extends LogManager {
    private volatile boolean holdResets;

    /** From now on, resets wait for {@link #resetAfterShutdown()}. */
    void holdResets() {
        holdResets = true;
    }

    @Override
    public void reset() {
        if (!holdResets) {
            super.reset();
        }
    }

    /** Flushes and closes the handlers; the last thing the broker's shutdown hook does. */
    void resetAfterShutdown() {
        holdResets = false;
        super.reset();
    }

    /** The installed manager when it is this one, or null (inside a test runner, say). */
    static BrokerLogManager current() {
        return LogManager.getLogManager() instanceof BrokerLogManager manager ? manager : null;
    }
}
