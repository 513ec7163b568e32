package io.rowmq.protocol;

/**
 * A failure with a wire error code: thrown by the broker to be sent as an ERROR frame, and
 * raised by the client when one arrives.
 */
public class BrokerError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public BrokerError(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public BrokerError(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public boolean retriable() {
        return code.retriable();
    }

    @Override
    public String toString() {
        return "BrokerError[" + code + "]: " + getMessage();
    }
}
