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

    /** What a CompletionListener thread runs for, told apart from a session's MessageListener thread. */
    record CompletionCallback(RowMQSession session) {
    }

    private static RowMQSession sessionOf(Object owner) {
        return owner instanceof RowMQSession session ? session
                : owner instanceof CompletionCallback callback ? callback.session() : null;
    }

    /** True when the current thread runs a Message- or CompletionListener of {@code connection}'s sessions. */
    static boolean inListenerOf(RowMQConnection connection) {
        RowMQSession session = sessionOf(RUNNING_FOR.get());
        return session != null && session.connection() == connection;
    }

    /** True when the current thread runs a MessageListener of one of {@code connection}'s sessions. */
    static boolean inMessageListenerOf(RowMQConnection connection) {
        return RUNNING_FOR.get() instanceof RowMQSession session && session.connection() == connection;
    }

    /** True when the current thread runs a Message- or CompletionListener of {@code session}. */
    static boolean inListenerOf(RowMQSession session) {
        return sessionOf(RUNNING_FOR.get()) == session;
    }

    /** True when the current thread runs a CompletionListener of {@code session}. */
    static boolean inCompletionListenerOf(RowMQSession session) {
        return RUNNING_FOR.get() instanceof CompletionCallback callback && callback.session() == session;
    }

    /** Stop: refused from a MessageListener only; a CompletionListener may stop the connection (JMS 2.0, 7.3.8). */
    void refuseStopFromListener(RowMQConnection connection) throws IllegalStateException {
        if (inMessageListenerOf(connection)) {
            throw new IllegalStateException("Connection.stop must not be called from a MessageListener of the same"
                    + " connection (it would wait for itself)");
        }
    }

    void refuseFromListener(RowMQConnection connection, String operation) throws IllegalStateException {
        if (inListenerOf(connection)) {
            throw new IllegalStateException(operation + " must not be called from a MessageListener or"
                    + " CompletionListener of the same connection (it would wait for itself)");
        }
    }
}
