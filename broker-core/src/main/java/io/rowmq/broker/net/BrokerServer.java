package io.rowmq.broker.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.rowmq.broker.BrokerEngine;
import io.rowmq.jms.provider.IoTransport;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The broker's TCP server: accepts connections and serves the wire protocol over a
 * {@link BrokerEngine}. The engine stays the caller's to close, after this server.
 */
public final class BrokerServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BrokerServer.class.getName());
    /** How long {@link #close()} lets in-flight requests finish. */
    public static final long DEFAULT_CLOSE_TIMEOUT_MS = 5_000;

    private final ServerSettings settings;
    private final IoTransport transport;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final Channel serverChannel;
    private final ChannelGroup channels;
    private final InFlightRequests inFlight;
    private boolean closed;

    private BrokerServer(ServerSettings settings, IoTransport transport, EventLoopGroup bossGroup,
                         EventLoopGroup workerGroup, Channel serverChannel, ChannelGroup channels,
                         InFlightRequests inFlight) {
        this.settings = settings;
        this.transport = transport;
        this.bossGroup = bossGroup;
        this.workerGroup = workerGroup;
        this.serverChannel = serverChannel;
        this.channels = channels;
        this.inFlight = inFlight;
    }

    /** Binds and starts serving, accepting every handshake's credentials. */
    public static BrokerServer start(BrokerEngine engine, ServerSettings settings) {
        return start(engine, settings, ServerSecurity.acceptAll());
    }

    /** Binds and starts serving with the given authenticator, every request allowed, no user management. */
    public static BrokerServer start(BrokerEngine engine, ServerSettings settings, Authenticator authenticator) {
        if (authenticator == null) {
            throw new IllegalArgumentException("authenticator must not be null");
        }
        return start(engine, settings, ServerSecurity.of(authenticator));
    }

    /**
     * Binds and starts serving; fails with a message naming the address when it cannot bind.
     * {@code security} stays the caller's to close, after this server.
     */
    public static BrokerServer start(BrokerEngine engine, ServerSettings settings, ServerSecurity security) {
        if (engine == null || settings == null || security == null) {
            throw new IllegalArgumentException("engine, settings and security must not be null");
        }
        ServerIo io = new ServerIo(resolve(settings));
        EventLoopGroup boss = io.newGroup(1, new DefaultThreadFactory("rowmq-accept", true));
        EventLoopGroup workers = io.newGroup(0, new DefaultThreadFactory("rowmq-io", true));
        ChannelGroup channels = new DefaultChannelGroup("rowmq-connections", GlobalEventExecutor.INSTANCE);
        InFlightRequests inFlight = new InFlightRequests();
        ProduceBudget produceBudget = new ProduceBudget(ProduceBudget.DEFAULT_LIMIT);
        try {
            Channel server = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(io.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childHandler(new BrokerServerInitializer(engine, settings, security, inFlight, produceBudget,
                            channels))
                    .bind(settings.host(), settings.port()).syncUninterruptibly().channel();
            BrokerServer started = new BrokerServer(settings, io.transport(), boss, workers, server, channels,
                    inFlight);
            LOG.info(() -> "Broker '" + settings.brokerId() + "' listening on " + settings.host() + ":"
                    + started.port() + " over " + io.transport() + " (max frame " + settings.maxFrameSize() + " bytes, produce"
                    + " budget " + ProduceBudget.DEFAULT_LIMIT + " bytes)");
            return started;
        } catch (RuntimeException e) {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("Broker '" + settings.brokerId() + "' could not listen on "
                    + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
    }

    private static IoTransport resolve(ServerSettings settings) {
        IoTransport resolved;
        try {
            resolved = settings.transport().resolve();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("Broker '" + settings.brokerId() + "' could not start: " + e.getMessage(),
                    e);
        }
        if (settings.transport() == IoTransport.AUTO && resolved == IoTransport.NIO) {
            LOG.info(() -> "Broker '" + settings.brokerId() + "' uses the NIO transport: epoll is not available ("
                    + IoTransport.epollUnavailableReason() + ")");
        }
        return resolved;
    }

    /** The port actually bound: the configured one, or the one picked for port 0. */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The socket transport serving connections: {@link IoTransport#NIO} or {@link IoTransport#EPOLL}. */
    public IoTransport transport() {
        return transport;
    }

    public ServerSettings settings() {
        return settings;
    }

    /** Stops accepting, lets in-flight requests finish for up to 5 s, then closes every connection. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT_MS);
    }

    /** Like {@link #close()} with a chosen wait for in-flight requests. */
    public synchronized void close(long timeoutMs) {
        if (closed) {
            return;
        }
        closed = true;
        serverChannel.close().syncUninterruptibly();
        int unfinished = awaitInFlight(timeoutMs);
        if (unfinished > 0) {
            LOG.warning(() -> "Broker '" + settings.brokerId() + "': " + unfinished + " requests still running after "
                    + timeoutMs + " ms; closing their connections anyway");
        }
        channels.close().awaitUninterruptibly(timeoutMs, TimeUnit.MILLISECONDS);
        bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(timeoutMs);
        workerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(timeoutMs);
        LOG.info(() -> "Broker '" + settings.brokerId() + "' stopped listening");
    }

    private int awaitInFlight(long timeoutMs) {
        try {
            return inFlight.closeAndAwait(timeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
