package io.rowmq.protocol;

/** Error codes carried by ERROR frames; see docs/protocol.md. */
public enum ErrorCode {
    MALFORMED_FRAME(1, false),
    FRAME_TOO_LARGE(2, false),
    UNSUPPORTED_VERSION(3, false),
    AUTHENTICATION_FAILED(4, false),
    HANDSHAKE_REQUIRED(5, false),
    UNKNOWN_TOPIC(10, false),
    TOPIC_EXISTS(11, false),
    INVALID_REQUEST(12, false),
    UNKNOWN_CONSUMER(13, false),
    INVALID_SELECTOR(14, false),
    SUBSCRIPTION_IN_USE(15, false),
    UNKNOWN_SUBSCRIPTION(16, false),
    CLIENT_ID_IN_USE(17, false),
    UNKNOWN_TRANSACTION(18, false),
    TRANSACTION_ROLLED_BACK(19, false),
    STORE_UNAVAILABLE(20, true),
    STORE_TIMEOUT(21, true),
    NOT_QUEUE_OWNER(22, true),
    INTERNAL(30, false),
    SHUTTING_DOWN(31, true);

    private final int code;
    private final boolean retriable;

    ErrorCode(int code, boolean retriable) {
        this.code = code;
        this.retriable = retriable;
    }

    public int code() {
        return code;
    }

    /** True when the same request may succeed if sent again later. */
    public boolean retriable() {
        return retriable;
    }

    /** The code for a wire value; unknown values map to {@link #INTERNAL} so a newer broker never breaks an older client. */
    public static ErrorCode fromCode(int code) {
        for (ErrorCode error : values()) {
            if (error.code == code) {
                return error;
            }
        }
        return INTERNAL;
    }
}
