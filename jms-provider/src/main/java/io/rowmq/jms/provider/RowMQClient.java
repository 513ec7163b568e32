package io.rowmq.jms.provider;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.rowmq.protocol.AckRequest;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.CloseRequest;
import io.rowmq.protocol.CreateTopicRequest;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.FetchRequest;
import io.rowmq.protocol.FetchResponse;
import io.rowmq.protocol.Frame;
import io.rowmq.protocol.FrameDecoder;
import io.rowmq.protocol.FrameEncoder;
import io.rowmq.protocol.FrameType;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.HandshakeRequest;
import io.rowmq.protocol.HandshakeResponse;
import io.rowmq.protocol.MessageRef;
import io.rowmq.protocol.MetadataResponse;
import io.rowmq.protocol.ProduceRequest;
import io.rowmq.protocol.ProduceResult;
import io.rowmq.protocol.ReleaseRequest;
import io.rowmq.protocol.SubscribeRequest;
import io.rowmq.protocol.SubscribeResponse;
import io.rowmq.protocol.TopicInfo;
import io.rowmq.protocol.TopicNameRequest;
import io.rowmq.protocol.WireMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * One connection to a RowMQ broker, safe for use by many threads. Every method sends one
 * request and returns a future completed by its reply: failed with {@link BrokerError} for an
 * ERROR reply, {@link TimeoutException} when no reply comes in time, or
 * {@link ConnectionLostException} when the connection ends first. Futures complete on the
 * connection's I/O thread: dependent stages must not block (use the {@code *Async} variants).
 */
public final class RowMQClient implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RowMQClient.class.getName());
    /** Frames written close together share one flush, so many small sends stay cheap. */
    private static final int FLUSH_AFTER_WRITES = 256;
    private static final long CLOSE_WAIT_MS = 1_000;

    private final String peer;
    private final ClientOptions options;
    private final IoTransport transport;
    private final EventLoopGroup group;
    private final Channel channel;
    private final PendingRequests pending;
    private final ClientFrameHandler handler;
    private final AtomicInteger requestIds = new AtomicInteger();
    private volatile HandshakeResponse handshake;
    private volatile boolean closed;

    private RowMQClient(String peer, ClientOptions options, IoTransport transport, EventLoopGroup group,
                        Channel channel, PendingRequests pending, ClientFrameHandler handler) {
        this.peer = peer;
        this.options = options;
        this.transport = transport;
        this.group = group;
        this.channel = channel;
        this.pending = pending;
        this.handler = handler;
    }

    /**
     * Connects and performs the handshake.
     *
     * @throws IOException when the broker cannot be reached or does not answer the handshake in time
     * @throws BrokerError when the broker refuses the handshake (version, credentials)
     * @throws IllegalStateException when the options ask for the epoll transport and it cannot be used here
     */
    public static RowMQClient connect(String host, int port, ClientOptions options) throws IOException {
        String peer = host + ":" + port;
        PendingRequests pending = new PendingRequests();
        ClientFrameHandler handler = new ClientFrameHandler(pending, peer);
        ClientIo io = new ClientIo(options.transport().resolve());
        LOG.fine(() -> "Connecting to RowMQ broker at " + peer + " over " + io.transport() + " (transport.io "
                + options.transport() + ")");
        EventLoopGroup group = io.newGroup(1, new DefaultThreadFactory("rowmq-client", true));
        ChannelFuture connected = new Bootstrap().group(group).channel(io.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, options.connectTimeoutMs())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(initializer(options, handler))
                .connect(host, port);
        if (!connected.awaitUninterruptibly(options.connectTimeoutMs() + 1000L) || !connected.isSuccess()) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            Throwable cause = connected.cause();
            throw new IOException("Could not connect to RowMQ broker at " + peer + " within "
                    + options.connectTimeoutMs() + " ms: " + (cause == null ? "timed out" : cause.getMessage()), cause);
        }
        RowMQClient client = new RowMQClient(peer, options, io.transport(), group, connected.channel(), pending,
                handler);
        client.handshake();
        return client;
    }

    private static ChannelInitializer<SocketChannel> initializer(ClientOptions options, ClientFrameHandler handler) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline()
                        .addLast("flush-consolidation", new FlushConsolidationHandler(FLUSH_AFTER_WRITES, true))
                        .addLast("frame-decoder", new FrameDecoder(options.maxFrameSize()))
                        .addLast("frame-encoder", new FrameEncoder())
                        .addLast("handler", handler);
            }
        };
    }

    private void handshake() throws IOException {
        byte[] password = options.password() == null ? null : options.password().getBytes(StandardCharsets.UTF_8);
        HandshakeRequest request = HandshakeRequest.plain(options.clientId(), options.user(), password);
        try {
            handshake = send(FrameType.HANDSHAKE, request, options.connectTimeoutMs(), HandshakeResponse::decode)
                    .get();
        } catch (ExecutionException e) {
            close();
            if (e.getCause() instanceof BrokerError refused) {
                throw new BrokerError(refused.code(), "RowMQ broker at " + peer + " refused the handshake: "
                        + refused.getMessage(), refused);
            }
            throw new IOException("Handshake with RowMQ broker at " + peer + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted during the handshake with RowMQ broker at " + peer, e);
        }
    }

    public CompletableFuture<TopicInfo> createTopic(String name, int queueCount, int maxAttempts) {
        return send(FrameType.CREATE_TOPIC, new CreateTopicRequest(name, queueCount, maxAttempts),
                options.requestTimeoutMs(), TopicInfo::decode);
    }

    public CompletableFuture<Void> deleteTopic(String name) {
        return sendEmptyReply(FrameType.DELETE_TOPIC, new TopicNameRequest(name));
    }

    /** All topics when {@code topicOrNull} is null, otherwise the one named. */
    public CompletableFuture<List<TopicInfo>> metadata(String topicOrNull) {
        return send(FrameType.METADATA, new TopicNameRequest(topicOrNull), options.requestTimeoutMs(),
                body -> MetadataResponse.decode(body).topics());
    }

    /**
     * Stores records in one queue of a topic.
     *
     * @param queueIndex   -1 lets the broker pick; the result says which queue it used
     * @param producerId   0 for a send that is not idempotent
     * @param baseSequence the sequence number of the first record, for duplicate detection
     */
    public CompletableFuture<ProduceResult> produce(String topic, int queueIndex, long producerId, long baseSequence,
                                                    List<byte[]> records) {
        return send(FrameType.PRODUCE, new ProduceRequest(topic, queueIndex, producerId, baseSequence, records),
                options.requestTimeoutMs(), ProduceResult::decode);
    }

    /** Opens a consumer on a group of a topic; completes with the consumer's id. */
    public CompletableFuture<Long> subscribe(String topic, String group, GroupKind kind, String selector,
                                             boolean createTopic) {
        return send(FrameType.SUBSCRIBE, new SubscribeRequest(topic, group, kind, selector, createTopic),
                options.requestTimeoutMs(), body -> SubscribeResponse.decode(body).consumerId());
    }

    /** Long-polls up to {@code maxMessages}; completes as soon as any exist, or empty after {@code maxWaitMs}. */
    public CompletableFuture<List<Delivery>> fetch(long consumerId, int maxMessages, int maxWaitMs) {
        return send(FrameType.FETCH, new FetchRequest(consumerId, maxMessages, maxWaitMs),
                (long) maxWaitMs + options.requestTimeoutMs(), body -> FetchResponse.decode(body).deliveries());
    }

    public CompletableFuture<Void> ack(long consumerId, List<MessageRef> refs) {
        return sendEmptyReply(FrameType.ACK, new AckRequest(consumerId, refs));
    }

    public CompletableFuture<Void> release(long consumerId, List<MessageRef> refs, String reason,
                                           boolean countAttempt) {
        return sendEmptyReply(FrameType.RELEASE, new ReleaseRequest(consumerId, reason, countAttempt, refs));
    }

    public CompletableFuture<Void> heartbeat() {
        return sendEmptyReply(FrameType.HEARTBEAT, WireMessage.EMPTY);
    }

    public CompletableFuture<Void> closeConsumer(long consumerId) {
        if (consumerId == 0) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("consumerId 0 is not a consumer"));
        }
        return sendEmptyReply(FrameType.CLOSE, new CloseRequest(consumerId));
    }

    private CompletableFuture<Void> sendEmptyReply(FrameType type, WireMessage request) {
        return send(type, request, options.requestTimeoutMs(), body -> {
            WireMessage.decodeEmpty(body, type + " reply");
            return null;
        });
    }

    private <T> CompletableFuture<T> send(FrameType type, WireMessage request, long timeoutMs,
                                          Function<ByteBuf, T> decoder) {
        if (closed || !channel.isActive()) {
            return CompletableFuture.failedFuture(new ConnectionLostException(type + " request to RowMQ broker at "
                    + peer + " not sent: " + handler.closeReason(), null));
        }
        Frame frame;
        try {
            frame = Frame.request(type, nextRequestId(), request, channel.alloc());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> tooLarge = checkSize(frame);
        if (tooLarge != null) {
            return tooLarge;
        }
        PendingRequests.Pending<T> waiting = new PendingRequests.Pending<>(type, frame.requestId(), decoder,
                new CompletableFuture<>());
        pending.add(waiting);
        waiting.timeout = channel.eventLoop().schedule(() -> pending.fail(waiting.requestId,
                new TimeoutException(type + " request " + waiting.requestId + " to RowMQ broker at " + peer
                        + " got no reply within " + timeoutMs + " ms")), timeoutMs, TimeUnit.MILLISECONDS);
        channel.writeAndFlush(frame).addListener(written -> {
            if (!written.isSuccess()) {
                pending.fail(waiting.requestId, new ConnectionLostException(type + " request " + waiting.requestId
                        + " to RowMQ broker at " + peer + " could not be sent: "
                        + (channel.isActive() ? written.cause() : handler.closeReason()), written.cause()));
            }
        });
        if (!channel.isActive()) {
            pending.fail(waiting.requestId, new ConnectionLostException(type + " request " + waiting.requestId
                    + " to RowMQ broker at " + peer + " failed: " + handler.closeReason(), null));
        }
        return waiting.future;
    }

    /** Fails a frame the broker would reject as too large, without sending it and losing the connection. */
    private <T> CompletableFuture<T> checkSize(Frame frame) {
        HandshakeResponse announced = handshake;
        if (announced == null || frame.wireSize() <= announced.maxFrameSize()) {
            return null;
        }
        int size = frame.wireSize();
        frame.release();
        return CompletableFuture.failedFuture(new BrokerError(ErrorCode.INVALID_REQUEST, frame.type()
                + " request of " + size + " bytes exceeds the maximum frame size of " + announced.maxFrameSize()
                + " bytes of RowMQ broker at " + peer + "; send fewer or smaller records"));
    }

    /** Request ids are positive and skip 0, which the broker uses for errors about the whole connection. */
    private int nextRequestId() {
        int id = requestIds.incrementAndGet() & Integer.MAX_VALUE;
        return id != 0 ? id : nextRequestId();
    }

    /** The broker's id, as announced in the handshake. */
    public String brokerId() {
        return handshake.brokerId();
    }

    /** The id the broker gave this connection. */
    public long connectionId() {
        return handshake.connectionId();
    }

    /** The socket transport this connection uses: {@link IoTransport#NIO} or {@link IoTransport#EPOLL}. */
    public IoTransport transport() {
        return transport;
    }

    /** The largest frame the broker accepts. */
    public int brokerMaxFrameSize() {
        return handshake.maxFrameSize();
    }

    public boolean isOpen() {
        return !closed && channel.isActive();
    }

    /** Requests still waiting for their reply. */
    public int outstandingRequests() {
        return pending.size();
    }

    /** Says goodbye to the broker (briefly), closes the connection and fails what is still outstanding. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        boolean onIoThread = channel.eventLoop().inEventLoop();
        if (handshake != null && channel.isActive() && !onIoThread) {
            try {
                sendEmptyReply(FrameType.CLOSE, new CloseRequest(0)).get(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // the broker may already be gone; closing anyway
            }
        }
        closed = true;
        handler.closingByClient();
        channel.close();
        if (onIoThread) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        } else {
            channel.closeFuture().awaitUninterruptibly(CLOSE_WAIT_MS);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(CLOSE_WAIT_MS * 2);
        }
    }

    @Override
    public String toString() {
        HandshakeResponse announced = handshake;
        return "RowMQClient[" + peer + (announced == null ? "" : ", broker '" + announced.brokerId()
                + "', connection " + announced.connectionId()) + (isOpen() ? "" : ", closed") + "]";
    }
}
