package io.rowmq.broker.net;

import io.rowmq.jms.provider.IoTransport;
import io.rowmq.protocol.Frame;

/**
 * Where and how the broker listens, validated once here.
 *
 * @param host         the address to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port         the TCP port; 0 picks a free one (see {@link BrokerServer#port()})
 * @param maxFrameSize the largest frame accepted and announced in the handshake, length field included
 * @param brokerId     this broker's name, announced in the handshake
 * @param transport    the socket transport: auto (epoll where available), nio or epoll
 */
public record ServerSettings(String host, int port, int maxFrameSize, String brokerId, IoTransport transport) {
    /** The smallest maximum frame size we accept: room for a handshake and a small message. */
    public static final int MIN_MAX_FRAME_SIZE = 1024;

    public ServerSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("transport.host must not be empty, was '" + host + "'");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("transport.port must be 0..65535, was " + port);
        }
        if (maxFrameSize < MIN_MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("transport.max-frame-size must be at least " + MIN_MAX_FRAME_SIZE
                    + " bytes, was " + maxFrameSize);
        }
        if (brokerId == null || brokerId.isBlank()) {
            throw new IllegalArgumentException("broker.id must not be empty, was '" + brokerId + "'");
        }
        if (transport == null) {
            throw new IllegalArgumentException("transport.io must be auto, nio or epoll, was null");
        }
    }

    /** Settings with the {@link IoTransport#AUTO} transport. */
    public ServerSettings(String host, int port, int maxFrameSize, String brokerId) {
        this(host, port, maxFrameSize, brokerId, IoTransport.AUTO);
    }

    /** A copy with another socket transport. */
    public ServerSettings withTransport(IoTransport value) {
        return new ServerSettings(host, port, maxFrameSize, brokerId, value);
    }

    /** Loopback, an ephemeral port and the default 16 MiB frames: for tests and embedded use. */
    public static ServerSettings loopback(String brokerId) {
        return new ServerSettings("127.0.0.1", 0, Frame.DEFAULT_MAX_FRAME_SIZE, brokerId);
    }
}
