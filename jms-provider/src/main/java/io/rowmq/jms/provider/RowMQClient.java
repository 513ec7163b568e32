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
import io.rowmq.protocol.BrowseCursor;
import io.rowmq.protocol.BrowsePage;
import io.rowmq.protocol.BrowseRequest;
import io.rowmq.protocol.CloseRequest;
import io.rowmq.protocol.CreateTemporaryTopicRequest;
import io.rowmq.protocol.CreateTopicRequest;
import io.rowmq.protocol.DeleteGroupRequest;
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
import io.rowmq.protocol.SetClientIdRequest;
import io.rowmq.protocol.SubscribeRequest;
import io.rowmq.protocol.SubscribeResponse;
import io.rowmq.protocol.TopicInfo;
import io.rowmq.protocol.TopicNameRequest;
import io.rowmq.protocol.UserAdminRequest;
import io.rowmq.protocol.UserAdminResponse;
import io.rowmq.protocol.TransactionWork;
import io.rowmq.protocol.TransactionXid;
import io.rowmq.protocol.TxEndRequest;
import io.rowmq.protocol.TxPrepareRequest;
import io.rowmq.protocol.TxRecoverResponse;
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
public final class RowMQClient implements Transport {
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
     * Connects and performs the handshake, as {@code options.user()} with its password, or
     * anonymously when the user is null.
     *
     * @throws IOException when the broker cannot be reached or does not answer the handshake in time
     * @throws BrokerError when the broker refuses the handshake: code {@code AUTHENTICATION_FAILED}
     *                     for refused credentials (the message carries the broker's text, which names
     *                     the user), {@code UNSUPPORTED_VERSION} for a protocol it does not speak
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

    @Override
    public CompletableFuture<TopicInfo> createTopic(String name, int queueCount, int maxAttempts) {
        return send(FrameType.CREATE_TOPIC, new CreateTopicRequest(name, queueCount, maxAttempts),
                options.requestTimeoutMs(), TopicInfo::decode);
    }

    @Override
    public CompletableFuture<Void> deleteTopic(String name) {
        return sendEmptyReply(FrameType.DELETE_TOPIC, new TopicNameRequest(name));
    }

    /** All topics when {@code topicOrNull} is null, otherwise the one named. */
    @Override
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
    @Override
    public CompletableFuture<ProduceResult> produce(String topic, int queueIndex, long producerId, long baseSequence,
                                                    List<byte[]> records) {
        return send(FrameType.PRODUCE, new ProduceRequest(topic, queueIndex, producerId, baseSequence, records),
                options.requestTimeoutMs(), ProduceResult::decode);
    }

    /** Opens a consumer on a group of a topic; completes with the consumer's id. */
    @Override
    public CompletableFuture<Long> subscribe(String topic, String group, GroupKind kind, String selector,
                                             boolean createTopic) {
        return send(FrameType.SUBSCRIBE, new SubscribeRequest(topic, group, kind, selector, createTopic),
                options.requestTimeoutMs(), body -> SubscribeResponse.decode(body).consumerId());
    }

    /** Long-polls up to {@code maxMessages}; completes as soon as any exist, or empty after {@code maxWaitMs}. */
    @Override
    public CompletableFuture<List<Delivery>> fetch(long consumerId, int maxMessages, int maxWaitMs) {
        return send(FrameType.FETCH, new FetchRequest(consumerId, maxMessages, maxWaitMs),
                (long) maxWaitMs + options.requestTimeoutMs(), body -> FetchResponse.decode(body).deliveries());
    }

    @Override
    public CompletableFuture<Void> ack(long consumerId, List<MessageRef> refs) {
        return sendEmptyReply(FrameType.ACK, new AckRequest(consumerId, refs));
    }

    @Override
    public CompletableFuture<Void> release(long consumerId, List<MessageRef> refs, String reason,
                                           boolean countAttempt) {
        return sendEmptyReply(FrameType.RELEASE, new ReleaseRequest(consumerId, reason, countAttempt, refs));
    }

    /**
     * Removes a DURABLE or SHARED consumer group with its offsets and claims (JMS
     * {@code unsubscribe}). Fails with SUBSCRIPTION_IN_USE while a consumer is attached and
     * UNKNOWN_SUBSCRIPTION when there is no such group.
     *
     * @param topic the group's topic, or null for the group of that name on whichever topic has one
     */
    public CompletableFuture<Void> deleteGroup(String topic, String group) {
        return sendEmptyReply(FrameType.DELETE_GROUP, new DeleteGroupRequest(topic, group));
    }

    /**
     * Looks at up to {@code maxMessages} of the messages the group would still deliver, after
     * {@code from}, without claiming or settling anything. A group that does not exist yet is
     * browsed as a QUEUE group that was never consumed (from the beginning). Browse on with the
     * page's {@link BrowsePage#next()} until it is {@link BrowsePage#exhausted()}.
     */
    public CompletableFuture<BrowsePage> browse(String topic, String group, BrowseCursor from, int maxMessages) {
        if (from == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "browse of topic '" + topic + "' needs a cursor; use BrowseCursor.START for the first page"));
        }
        return send(FrameType.BROWSE, new BrowseRequest(topic, group, from, maxMessages), options.requestTimeoutMs(),
                BrowsePage::decode);
    }

    /**
     * Registers the JMS client id of this connection. Fails with CLIENT_ID_IN_USE when another
     * live connection to this broker holds it; the broker releases it when this connection ends.
     */
    public CompletableFuture<Void> setClientId(String clientId) {
        return sendEmptyReply(FrameType.SET_CLIENT_ID, new SetClientIdRequest(clientId));
    }

    /**
     * Creates a topic owned by this connection: only this connection may subscribe to it,
     * anyone may send to it, and the broker deletes it when this connection ends.
     *
     * @param queueCount 0 for the broker's default
     */
    public CompletableFuture<TopicInfo> createTemporaryTopic(String name, int queueCount) {
        return send(FrameType.CREATE_TEMPORARY_TOPIC, new CreateTemporaryTopicRequest(name, queueCount),
                options.requestTimeoutMs(), TopicInfo::decode);
    }

    /** Lists, creates, changes the password of, or removes broker users (USER_ADMIN). */
    public CompletableFuture<UserAdminResponse> userAdmin(UserAdminRequest request) {
        return send(FrameType.USER_ADMIN, request, options.requestTimeoutMs(), UserAdminResponse::decode);
    }

    /**
     * Commits a transaction in one phase: the broker records its sends and acknowledgements
     * together, then makes the records visible and settles the acknowledged messages. Completes
     * when all of that is done; fails with {@link BrokerError} TRANSACTION_ROLLED_BACK when an
     * acknowledged message is no longer this consumer's (nothing was written, the other
     * acknowledged messages are redelivered). After a lost connection the outcome is unknown.
     * Acknowledged deliveries must belong to consumers opened on this connection.
     */
    public CompletableFuture<Void> commitTransaction(TransactionWork work) {
        return sendEmptyReply(FrameType.TX_COMMIT, work);
    }

    /**
     * Phase one of an XA branch: the broker durably records the branch's sends and
     * acknowledgements under {@code xid} and keeps the acknowledged messages from every other
     * consumer, across broker restarts, until {@link #endTransaction}.
     */
    public CompletableFuture<Void> prepareTransaction(TransactionXid xid, TransactionWork work) {
        return sendEmptyReply(FrameType.TX_PREPARE, new TxPrepareRequest(xid, work));
    }

    /**
     * Phase two of a prepared XA branch: {@code commit} makes its records visible and settles its
     * acknowledged messages; otherwise they are discarded and the messages redelivered with their
     * delivery count raised. Fails with {@link BrokerError} UNKNOWN_TRANSACTION for an xid the
     * broker does not hold.
     */
    public CompletableFuture<Void> endTransaction(TransactionXid xid, boolean commit) {
        return sendEmptyReply(FrameType.TX_END, new TxEndRequest(xid, commit));
    }

    /** The xids of every prepared XA branch in the broker's database, for a transaction manager's recovery. */
    public CompletableFuture<List<TransactionXid>> recoverTransactions() {
        return send(FrameType.TX_RECOVER, WireMessage.EMPTY, options.requestTimeoutMs(),
                body -> TxRecoverResponse.decode(body).xids());
    }

    public CompletableFuture<Void> heartbeat() {
        return sendEmptyReply(FrameType.HEARTBEAT, WireMessage.EMPTY);
    }

    @Override
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
    @Override
    public String brokerId() {
        return handshake.brokerId();
    }

    /** The id the broker gave this connection. */
    @Override
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

    @Override
    public boolean isOpen() {
        return !closed && channel.isActive();
    }

    /** Requests still waiting for their reply. */
    public int outstandingRequests() {
        return pending.size();
    }

    @Override
    public void whenLost(java.util.function.Consumer<String> listener) {
        channel.closeFuture().addListener(closed -> {
            if (!this.closed) {
                listener.accept(handler.closeReason());
            }
        });
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
