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
 * @param transport        transport.io: the socket transport, {@link IoTransport#AUTO} (epoll where available) by default
 */
public record ClientOptions(String clientId, String user, String password, int connectTimeoutMs,
                            int requestTimeoutMs, int maxFrameSize, IoTransport transport) {
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
        if (transport == null) {
            throw new IllegalArgumentException("transport.io must be auto, nio or epoll, was null");
        }
    }

    /** Options with the default transport: the system property {@value IoTransport#PROPERTY}, else auto. */
    public ClientOptions(String clientId, String user, String password, int connectTimeoutMs, int requestTimeoutMs,
                         int maxFrameSize) {
        this(clientId, user, password, connectTimeoutMs, requestTimeoutMs, maxFrameSize,
                IoTransport.fromSystemProperty());
    }

    /**
     * No client id, no credentials, default timeouts, 16 MiB frames and the transport of the
     * system property {@value IoTransport#PROPERTY}, else {@link IoTransport#AUTO}.
     */
    public static ClientOptions defaults() {
        return new ClientOptions(null, null, null, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS,
                Frame.DEFAULT_MAX_FRAME_SIZE, IoTransport.fromSystemProperty());
    }

    public ClientOptions withClientId(String value) {
        return new ClientOptions(value, user, password, connectTimeoutMs, requestTimeoutMs, maxFrameSize, transport);
    }

    public ClientOptions withCredentials(String newUser, String newPassword) {
        return new ClientOptions(clientId, newUser, newPassword, connectTimeoutMs, requestTimeoutMs, maxFrameSize,
                transport);
    }

    public ClientOptions withRequestTimeoutMs(int value) {
        return new ClientOptions(clientId, user, password, connectTimeoutMs, value, maxFrameSize, transport);
    }

    /** A copy with another socket transport; {@link IoTransport#NIO} forces NIO even where epoll is available. */
    public ClientOptions withTransport(IoTransport value) {
        return new ClientOptions(clientId, user, password, connectTimeoutMs, requestTimeoutMs, maxFrameSize, value);
    }

    @Override
    public String toString() {
        return "ClientOptions[clientId=" + clientId + ", user=" + user + ", password=" + (password == null ? "null" : "***")
                + ", connectTimeoutMs=" + connectTimeoutMs + ", requestTimeoutMs=" + requestTimeoutMs
                + ", maxFrameSize=" + maxFrameSize + ", transport=" + transport + "]";
    }
}
