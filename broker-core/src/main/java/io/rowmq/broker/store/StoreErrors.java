package io.rowmq.broker.store;

import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.ErrorCode;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/** Turns database failures into wire errors: outages and timeouts are retriable, the rest is not. */
public final class StoreErrors {
    private StoreErrors() {
    }

    /** @param what the object and action that failed, e.g. "Queue 'orders'[2]: append of 100 messages" */
    public static BrokerError translate(String what, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof BrokerError error) {
            return error;
        }
        if (cause instanceof SQLTimeoutException || cause instanceof TimeoutException) {
            return new BrokerError(ErrorCode.STORE_TIMEOUT, what + " timed out waiting for the database: "
                    + cause.getMessage() + "; retry later", cause);
        }
        if (isOutage(cause)) {
            return new BrokerError(ErrorCode.STORE_UNAVAILABLE, what + " failed, the database is unavailable: "
                    + cause.getMessage() + "; retry later", cause);
        }
        return new BrokerError(ErrorCode.INTERNAL, what + " failed: " + cause, cause);
    }

    private static boolean isOutage(Throwable cause) {
        if (cause instanceof SQLNonTransientConnectionException || cause instanceof SQLRecoverableException
                || cause instanceof SQLTransientException) {
            return true;
        }
        if (cause instanceof SQLException sql) {
            String state = sql.getSQLState();
            // SQLSTATE class 08: connection exception; HY000 with these vendor codes: server shutting down / gone.
            return (state != null && state.startsWith("08")) || sql.getErrorCode() == 1053 || sql.getErrorCode() == 2006
                    || sql.getErrorCode() == 2013;
        }
        return false;
    }

    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
