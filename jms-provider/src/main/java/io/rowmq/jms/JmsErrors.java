package io.rowmq.jms;

import io.rowmq.jms.provider.ConnectionLostException;
import io.rowmq.protocol.BrokerError;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** The one place where broker and transport failures become the JMS exception types the spec names. */
public final class JmsErrors {

    private JmsErrors() {
    }

    /** A JMS exception for a failure of {@code what} (e.g. "Send to queue 'orders'"). */
    public static JMSException toJms(String what, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof JMSException jms) {
            return jms;
        }
        String text = what + " failed: " + cause.getMessage();
        JMSException error;
        if (cause instanceof BrokerError broker) {
            error = switch (broker.code()) {
                case AUTHENTICATION_FAILED -> new JMSSecurityException(text, broker.code().name());
                case UNKNOWN_TOPIC -> new InvalidDestinationException(text, broker.code().name());
                case INVALID_SELECTOR -> new InvalidSelectorException(text, broker.code().name());
                case CLIENT_ID_IN_USE -> new InvalidClientIDException(text, broker.code().name());
                case SUBSCRIPTION_IN_USE -> new IllegalStateException(text, broker.code().name());
                case UNKNOWN_SUBSCRIPTION -> new InvalidDestinationException(text, broker.code().name());
                case TRANSACTION_ROLLED_BACK -> new TransactionRolledBackException(text, broker.code().name());
                case FRAME_TOO_LARGE -> new ResourceAllocationException(text, broker.code().name());
                default -> new JMSException(text, broker.code().name());
            };
        } else if (cause instanceof ConnectionLostException) {
            error = new JMSException(text + " (connection to the broker lost)", "CONNECTION_LOST");
        } else if (cause instanceof TimeoutException) {
            error = new JMSException(text, "TIMEOUT");
        } else if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            error = new JMSException(what + " was interrupted", "INTERRUPTED");
        } else {
            error = new JMSException(text);
        }
        if (cause instanceof Exception exception) {
            error.setLinkedException(exception);
        }
        error.initCause(cause);
        return error;
    }

    /** True for a failure a reconnect cures: the connection was lost, or the broker is stopping. */
    static boolean isTransient(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof JMSException jms && jms.getCause() != null) {
            cause = unwrap(jms.getCause());
        }
        return cause instanceof ConnectionLostException
                || cause instanceof BrokerError broker && broker.code().retriable();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The unchecked counterpart the simplified API throws for a checked JMS exception. */
    public static JMSRuntimeException toRuntime(JMSException e) {
        JMSRuntimeException runtime;
        if (e instanceof IllegalStateException) {
            runtime = new IllegalStateRuntimeException(e.getMessage(), e.getErrorCode(), e);
        } else if (e instanceof InvalidClientIDException) {
            runtime = new InvalidClientIDRuntimeException(e.getMessage(), e.getErrorCode(), e);
        } else if (e instanceof InvalidDestinationException) {
            runtime = new InvalidDestinationRuntimeException(e.getMessage(), e.getErrorCode(), e);
        } else if (e instanceof InvalidSelectorException) {
            runtime = new InvalidSelectorRuntimeException(e.getMessage(), e.getErrorCode(), e);
        } else if (e instanceof JMSSecurityException) {
            runtime = new JMSSecurityRuntimeException(e.getMessage(), e.getErrorCode(), e);
        } else if (e instanceof MessageFormatException || e instanceof MessageEOFException
                || e instanceof MessageNotReadableException) {
            runtime = new MessageFormatRuntimeException(e.getMessage(), e.getErrorCode(), e);
        } else if (e instanceof MessageNotWriteableException) {
            runtime = new MessageNotWriteableRuntimeException(e.getMessage(), e.getErrorCode(), e);
        } else if (e instanceof ResourceAllocationException) {
            runtime = new ResourceAllocationRuntimeException(e.getMessage(), e.getErrorCode(), e);
        } else if (e instanceof TransactionInProgressException) {
            runtime = new TransactionInProgressRuntimeException(e.getMessage(), e.getErrorCode(), e);
        } else if (e instanceof TransactionRolledBackException) {
            runtime = new TransactionRolledBackRuntimeException(e.getMessage(), e.getErrorCode(), e);
        } else {
            runtime = new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
        return runtime;
    }

    /** Runs a JMS call of the simplified API, rethrowing its checked exception unchecked. */
    public static <T> T unchecked(JmsCall<T> call) {
        try {
            return call.call();
        } catch (JMSException e) {
            throw toRuntime(e);
        }
    }

    /** Same for a call without result. */
    public static void uncheckedRun(JmsAction action) {
        try {
            action.run();
        } catch (JMSException e) {
            throw toRuntime(e);
        }
    }

    /** A JMS call with a result. */
    @FunctionalInterface
    public interface JmsCall<T> {
        T call() throws JMSException;
    }

    /** A JMS call without result. */
    @FunctionalInterface
    public interface JmsAction {
        void run() throws JMSException;
    }
}
