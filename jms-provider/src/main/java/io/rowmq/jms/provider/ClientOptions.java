package io.rowmq.jms.provider;

import io.rowmq.protocol.Frame;

/**
 * How a {@link RowMQClient} connects, validated once here.
 *
 * @param clientId         the JMS client id, or null
 * @param user             the user name sent in the handshake, or null
 * @param password         the password sent in the handshake, or null
 * @param connectTimeoutMs how long to wait for the TCP connection and the handshake reply
 * @param requestTimeoutMs how long a request waits for its reply (FETCH: its maxWaitMs plus this)
 * @param maxFrameSize     the largest frame this client accepts from the broker, length field included
 */
public record ClientOptions(String clientId, String user, String password, int connectTimeoutMs,
                            int requestTimeoutMs, int maxFrameSize) {
    public static final int DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
    public static final int DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

    public ClientOptions {
        if (connectTimeoutMs < 1) {
            throw new IllegalArgumentException("transport.connect-timeout-ms must be at least 1, was " + connectTimeoutMs);
        }
        if (requestTimeoutMs < 1) {
            throw new IllegalArgumentException("transport.request-timeout-ms must be at least 1, was " + requestTimeoutMs);
        }
        if (maxFrameSize < 1024) {
            throw new IllegalArgumentException("transport.max-frame-size must be at least 1024 bytes, was " + maxFrameSize);
        }
    }

    /** No client id, no credentials, default timeouts and 16 MiB frames. */
    public static ClientOptions defaults() {
        return new ClientOptions(null, null, null, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS,
                Frame.DEFAULT_MAX_FRAME_SIZE);
    }

    public ClientOptions withClientId(String value) {
        return new ClientOptions(value, user, password, connectTimeoutMs, requestTimeoutMs, maxFrameSize);
    }

    public ClientOptions withCredentials(String newUser, String newPassword) {
        return new ClientOptions(clientId, newUser, newPassword, connectTimeoutMs, requestTimeoutMs, maxFrameSize);
    }

    public ClientOptions withRequestTimeoutMs(int value) {
        return new ClientOptions(clientId, user, password, connectTimeoutMs, value, maxFrameSize);
    }

    @Override
    public String toString() {
        return "ClientOptions[clientId=" + clientId + ", user=" + user + ", password=" + (password == null ? "null" : "***")
                + ", connectTimeoutMs=" + connectTimeoutMs + ", requestTimeoutMs=" + requestTimeoutMs
                + ", maxFrameSize=" + maxFrameSize + "]";
    }
}
