package io.rowmq.jms;

import jakarta.jms.IllegalStateException;

/**
 * Knows which thread is running a MessageListener or CompletionListener of which connection,
 * so the calls the spec forbids there (closing or stopping its own connection, session or
 * context) fail with IllegalStateException instead of deadlocking.
 */
final class ConnectionDeliveryThreads {
    private static final ThreadLocal<Object> RUNNING_FOR = new ThreadLocal<>();

    /** Marks the current thread as running a callback of {@code owner} (a connection or session). */
    static Object enter(Object owner) {
        Object previous = RUNNING_FOR.get();
        RUNNING_FOR.set(owner);
        return previous;
    }

    static void exit(Object previous) {
        if (previous == null) {
            RUNNING_FOR.remove();
        } else {
            RUNNING_FOR.set(previous);
        }
    }

    /** True when the current thread runs a listener of {@code connection} or of one of its sessions. */
    static boolean inListenerOf(RowMQConnection connection) {
        Object owner = RUNNING_FOR.get();
        return owner == connection || owner instanceof RowMQSession session && session.connection() == connection;
    }

    static boolean inListenerOf(RowMQSession session) {
        return RUNNING_FOR.get() == session;
    }

    void refuseFromListener(RowMQConnection connection, String operation) throws IllegalStateException {
        if (inListenerOf(connection)) {
            throw new IllegalStateException(operation + " must not be called from a MessageListener or"
                    + " CompletionListener of the same connection (it would wait for itself)");
        }
    }
}
