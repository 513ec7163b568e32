package io.rowmq.broker.net;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.rowmq.broker.AppendResult;
import io.rowmq.broker.BrokerEngine;
import io.rowmq.broker.store.StoreErrors;
import io.rowmq.protocol.AckRequest;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.BrowseRequest;
import io.rowmq.protocol.CloseRequest;
import io.rowmq.protocol.CreateTemporaryTopicRequest;
import io.rowmq.protocol.CreateTopicRequest;
import io.rowmq.protocol.DeleteGroupRequest;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.FetchRequest;
import io.rowmq.protocol.FetchResponse;
import io.rowmq.protocol.Frame;
import io.rowmq.protocol.FrameType;
import io.rowmq.protocol.HandshakeRequest;
import io.rowmq.protocol.HandshakeResponse;
import io.rowmq.protocol.MetadataResponse;
import io.rowmq.protocol.ProduceRequest;
import io.rowmq.protocol.ProduceResult;
import io.rowmq.protocol.ReleaseRequest;
import io.rowmq.protocol.SetClientIdRequest;
import io.rowmq.protocol.SubscribeRequest;
import io.rowmq.protocol.SubscribeResponse;
import io.rowmq.protocol.TopicNameRequest;
import io.rowmq.protocol.UserAdminRequest;
import io.rowmq.protocol.TransactionAck;
import io.rowmq.protocol.TransactionWork;
import io.rowmq.protocol.TxEndRequest;
import io.rowmq.protocol.TxPrepareRequest;
import io.rowmq.protocol.TxRecoverResponse;
import io.rowmq.protocol.WireMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connection: requires a HANDSHAKE first, which the {@link Authenticator} accepts as a
 * {@link Principal} or refuses (the connection is then closed), then asks the
 * {@link Authorizer} about each request that names a destination and turns it into one
 * {@link BrokerEngine} call and each completed future into one reply, written from the
 * completing thread (Netty hands the write to the event loop). Tracks the consumers opened on
 * this connection and its client id; when it goes away, closes the consumers, gives the client id
 * back and has the engine delete the temporary topics it owned. A frame that does not parse gets an
 * ERROR frame with requestId 0 and closes this connection only.
 */
public final class BrokerServerHandler extends SimpleChannelInboundHandler<Frame> {
    private static final Logger LOG = Logger.getLogger(BrokerServerHandler.class.getName());

    private final BrokerEngine engine;
    private final ServerSettings settings;
    private final ServerSecurity security;
    private final InFlightRequests inFlight;
    private final ProduceBudget produceBudget;
    private final ClientIds clientIds;
    private final long connectionId;
    private final Set<Long> consumers = ConcurrentHashMap.newKeySet();
    private volatile String clientId;
    private volatile Principal principal;
    private volatile boolean handshakeDone;
    private volatile boolean handshakeStarted;
    private volatile boolean closed;
    private boolean failed;

    BrokerServerHandler(BrokerEngine engine, ServerSettings settings, ServerSecurity security,
                        InFlightRequests inFlight, ProduceBudget produceBudget, ClientIds clientIds,
                        long connectionId) {
        this.engine = engine;
        this.produceBudget = produceBudget;
        this.settings = settings;
        this.security = security;
        this.inFlight = inFlight;
        this.clientIds = clientIds;
        this.connectionId = connectionId;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        if (failed) {
            return;
        }
        if (frame.isResponse() || frame.type() == FrameType.ERROR) {
            fail(ctx, ErrorCode.MALFORMED_FRAME, "Unexpected " + frame.type() + " reply frame from a client");
            return;
        }
        try {
            if (frame.type() == FrameType.HANDSHAKE) {
                handshake(ctx, frame.requestId(), HandshakeRequest.decode(frame.body()));
            } else if (!handshakeDone) {
                ctx.writeAndFlush(Frame.error(frame.requestId(), ErrorCode.HANDSHAKE_REQUIRED,
                        frame.type() + " request " + frame.requestId() + " came before a successful HANDSHAKE",
                        ctx.alloc()));
            } else {
                dispatch(ctx, frame);
            }
        } catch (CorruptedFrameException e) {
            fail(ctx, ErrorCode.MALFORMED_FRAME, frame.type() + " request " + frame.requestId() + ": " + e.getMessage());
        }
    }

    private void handshake(ChannelHandlerContext ctx, int requestId, HandshakeRequest request) {
        if (handshakeStarted) {
            ctx.writeAndFlush(Frame.error(requestId, ErrorCode.INVALID_REQUEST,
                    "Connection " + connectionId + " has already sent a HANDSHAKE", ctx.alloc()));
            return;
        }
        handshakeStarted = true;
        if (request.magic() != HandshakeRequest.MAGIC || request.version() != HandshakeRequest.VERSION) {
            String message = String.format("Unsupported protocol: magic 0x%08X version %d, this broker speaks "
                    + "magic 0x%08X version %d", request.magic(), request.version(), HandshakeRequest.MAGIC,
                    HandshakeRequest.VERSION);
            replyAndClose(ctx, Frame.error(requestId, ErrorCode.UNSUPPORTED_VERSION, message, ctx.alloc()));
            return;
        }
        call(() -> security.authenticator().authenticate(request)).whenComplete((who, error) -> {
            if (error != null) {
                refuse(ctx, requestId, error);
                return;
            }
            if (request.clientId() != null) {
                try {
                    takeClientId(request.clientId());
                } catch (BrokerError refused) {
                    replyAndClose(ctx, Frame.error(requestId, refused.code(), refused.getMessage(), ctx.alloc()));
                    return;
                }
            }
            principal = who;
            handshakeDone = true;
            LOG.fine(() -> "Connection " + connectionId + " from " + ctx.channel().remoteAddress()
                    + ": client '" + request.clientId() + "', " + who);
            ctx.channel().writeAndFlush(Frame.response(FrameType.HANDSHAKE, requestId, new HandshakeResponse(
                    HandshakeRequest.VERSION, settings.brokerId(), settings.maxFrameSize(), connectionId), ctx.alloc()));
        });
    }

    /** Takes the client id for this connection; one that closed meanwhile gives it straight back. */
    private void takeClientId(String id) {
        String held = clientId;
        if (held != null && !held.equals(id)) {
            throw new BrokerError(ErrorCode.INVALID_REQUEST, "Connection " + connectionId + " already has client id '"
                    + held + "'; a connection's client id is set once");
        }
        clientIds.claim(id, connectionId);
        clientId = id;
        if (closed) {
            clientIds.release(id, connectionId);
        }
    }

    /** Answers a refused handshake, logs it once (who and from where, never the credentials) and closes. */
    private void refuse(ChannelHandlerContext ctx, int requestId, Throwable error) {
        boolean expected = StoreErrors.unwrap(error) instanceof BrokerError;
        BrokerError refused = toBrokerError(FrameType.HANDSHAKE, error);
        if (expected) {
            LOG.warning(() -> "Connection " + connectionId + " from " + ctx.channel().remoteAddress()
                    + ": handshake refused, " + refused.code() + ": " + refused.getMessage());
        }
        replyAndClose(ctx, Frame.error(requestId, refused.code(), refused.getMessage(), ctx.alloc()));
    }

    /** Hands the records to the engine, holding their bytes in the produce budget until answered. */
    private CompletableFuture<AppendResult> append(ChannelHandlerContext ctx, ProduceRequest r) {
        long bytes = 0;
        for (byte[] record : r.records()) {
            bytes += record.length;
        }
        long held = bytes;
        produceBudget.take(ctx.channel(), held);
        try {
            return engine.append(r.topic(), r.queueIndex(), r.producerId(), r.baseSequence(), r.records())
                    .whenComplete((result, failure) -> produceBudget.give(held));
        } catch (RuntimeException e) {
            produceBudget.give(held);
            throw e;
        }
    }

    private void dispatch(ChannelHandlerContext ctx, Frame frame) {
        int id = frame.requestId();
        switch (frame.type()) {
            case PRODUCE -> {
                ProduceRequest r = ProduceRequest.decode(frame.body());
                if (!permitted(ctx, FrameType.PRODUCE, id, Authorizer.Action.SEND, r.topic())) {
                    return;
                }
                reply(ctx, FrameType.PRODUCE, id, () -> append(ctx, r),
                        a -> new ProduceResult(a.queueIndex(), a.duplicate(), a.offsets()));
            }
            case CREATE_TOPIC -> {
                CreateTopicRequest r = CreateTopicRequest.decode(frame.body());
                if (!permitted(ctx, FrameType.CREATE_TOPIC, id, Authorizer.Action.CREATE_TOPIC, r.name())) {
                    return;
                }
                reply(ctx, FrameType.CREATE_TOPIC, id,
                        () -> engine.createTopic(r.name(), r.queueCount(), r.maxAttempts()), info -> info);
            }
            case DELETE_TOPIC -> {
                TopicNameRequest r = TopicNameRequest.decode(frame.body());
                if (!permitted(ctx, FrameType.DELETE_TOPIC, id, Authorizer.Action.DELETE_TOPIC, r.topic())) {
                    return;
                }
                reply(ctx, FrameType.DELETE_TOPIC, id, () -> engine.deleteTopic(r.topic(), connectionId),
                        v -> WireMessage.EMPTY);
            }
            case CREATE_TEMPORARY_TOPIC -> createTemporaryTopic(ctx, id, CreateTemporaryTopicRequest.decode(frame.body()));
            case DELETE_GROUP -> {
                DeleteGroupRequest r = DeleteGroupRequest.decode(frame.body());
                reply(ctx, FrameType.DELETE_GROUP, id, () -> engine.deleteGroup(r.topic(), r.group()),
                        v -> WireMessage.EMPTY);
            }
            case BROWSE -> {
                BrowseRequest r = BrowseRequest.decode(frame.body());
                reply(ctx, FrameType.BROWSE, id, () -> engine.browse(r.topic(), r.group(), r.from(), r.maxMessages()),
                        page -> page);
            }
            case SET_CLIENT_ID -> setClientId(ctx, id, SetClientIdRequest.decode(frame.body()));
            case METADATA -> {
                TopicNameRequest r = TopicNameRequest.decode(frame.body());
                if (!permitted(ctx, FrameType.METADATA, id, Authorizer.Action.DESCRIBE, r.topic())) {
                    return;
                }
                reply(ctx, FrameType.METADATA, id, () -> engine.describeTopics(r.topic()), MetadataResponse::new);
            }
            case SUBSCRIBE -> subscribe(ctx, id, SubscribeRequest.decode(frame.body()));
            case FETCH -> fetch(ctx, id, FetchRequest.decode(frame.body()));
            case ACK -> {
                AckRequest r = AckRequest.decode(frame.body());
                replyForConsumer(ctx, FrameType.ACK, id, r.consumerId(), () -> engine.ack(r.consumerId(), r.refs()));
            }
            case RELEASE -> {
                ReleaseRequest r = ReleaseRequest.decode(frame.body());
                replyForConsumer(ctx, FrameType.RELEASE, id, r.consumerId(),
                        () -> engine.release(r.consumerId(), r.refs(), r.reason(), r.countAttempt()));
            }
            case HEARTBEAT -> {
                WireMessage.decodeEmpty(frame.body(), "HEARTBEAT request");
                ctx.writeAndFlush(Frame.response(FrameType.HEARTBEAT, id, WireMessage.EMPTY, ctx.alloc()));
            }
            case CLOSE -> close(ctx, id, CloseRequest.decode(frame.body()));
            case USER_ADMIN -> userAdmin(ctx, id, UserAdminRequest.decode(frame.body()));
            case TX_COMMIT -> {
                TransactionWork work = TransactionWork.decodeRequest(frame.body());
                if (checkConsumers(ctx, FrameType.TX_COMMIT, id, work)) {
                    reply(ctx, FrameType.TX_COMMIT, id, () -> engine.commitTransaction(work), v -> WireMessage.EMPTY);
                }
            }
            case TX_PREPARE -> {
                TxPrepareRequest r = TxPrepareRequest.decode(frame.body());
                if (checkConsumers(ctx, FrameType.TX_PREPARE, id, r.work())) {
                    reply(ctx, FrameType.TX_PREPARE, id, () -> engine.prepareTransaction(r.xid(), r.work()),
                            v -> WireMessage.EMPTY);
                }
            }
            case TX_END -> {
                TxEndRequest r = TxEndRequest.decode(frame.body());
                reply(ctx, FrameType.TX_END, id, () -> engine.endTransaction(r.xid(), r.commit()),
                        v -> WireMessage.EMPTY);
            }
            case TX_RECOVER -> {
                WireMessage.decodeEmpty(frame.body(), "TX_RECOVER request");
                reply(ctx, FrameType.TX_RECOVER, id, engine::recoverTransactions, TxRecoverResponse::new);
            }
            default -> throw new CorruptedFrameException("Unexpected " + frame.type() + " request");
        }
    }

    private void subscribe(ChannelHandlerContext ctx, int id, SubscribeRequest r) {
        if (!permitted(ctx, FrameType.SUBSCRIBE, id, Authorizer.Action.CONSUME, r.topic())) {
            return;
        }
        reply(ctx, FrameType.SUBSCRIBE, id,
                () -> engine.subscribe(r.topic(), r.group(), r.kind(), r.selector(), r.createTopic(), connectionId)
                        .thenApply(subscription -> {
                            consumers.add(subscription.consumerId());
                            if (closed && consumers.remove(subscription.consumerId())) {
                                closeConsumerQuietly(subscription.consumerId());
                            }
                            return subscription;
                        }),
                s -> new SubscribeResponse(s.consumerId(), s.groupId()));
    }

    private void createTemporaryTopic(ChannelHandlerContext ctx, int id, CreateTemporaryTopicRequest r) {
        reply(ctx, FrameType.CREATE_TEMPORARY_TOPIC, id,
                () -> engine.createTemporaryTopic(r.name(), r.queueCount(), connectionId).thenApply(info -> {
                    if (closed) {
                        deleteTemporaryTopics(); // created after the connection ended: nobody else will
                    }
                    return info;
                }),
                info -> info);
    }

    private void setClientId(ChannelHandlerContext ctx, int id, SetClientIdRequest r) {
        try {
            takeClientId(r.clientId());
            ctx.writeAndFlush(Frame.response(FrameType.SET_CLIENT_ID, id, WireMessage.EMPTY, ctx.alloc()));
        } catch (BrokerError refused) {
            ctx.writeAndFlush(Frame.error(id, refused.code(), refused.getMessage(), ctx.alloc()));
        }
    }

    /** True when the connection's principal may do {@code action}; otherwise answers the request with a refusal. */
    private boolean permitted(ChannelHandlerContext ctx, FrameType type, int id, Authorizer.Action action,
                              String topic) {
        if (security.authorizer().permits(principal, action, topic)) {
            return true;
        }
        ctx.writeAndFlush(Frame.error(id, ErrorCode.AUTHENTICATION_FAILED, type + " request " + id + " refused: "
                + principal + " may not " + action + (topic == null ? "" : " on topic '" + topic + "'"), ctx.alloc()));
        return false;
    }

    private void userAdmin(ChannelHandlerContext ctx, int id, UserAdminRequest r) {
        UserAdministration users = security.users();
        if (users == null) {
            ctx.writeAndFlush(Frame.error(id, ErrorCode.INVALID_REQUEST, "Broker '" + settings.brokerId()
                    + "' keeps no users; USER_ADMIN request " + id + " was not run", ctx.alloc()));
            return;
        }
        reply(ctx, FrameType.USER_ADMIN, id, () -> users.handle(principal, r), response -> response);
    }

    private void fetch(ChannelHandlerContext ctx, int id, FetchRequest r) {
        if (r.maxMessages() < 1 || r.maxWaitMs() < 0) {
            ctx.writeAndFlush(Frame.error(id, ErrorCode.INVALID_REQUEST, "FETCH for consumer " + r.consumerId()
                    + " needs maxMessages >= 1 and maxWaitMs >= 0, was " + r.maxMessages() + " and "
                    + r.maxWaitMs(), ctx.alloc()));
            return;
        }
        if (checkConsumer(ctx, FrameType.FETCH, id, r.consumerId())) {
            reply(ctx, FrameType.FETCH, id, () -> engine.fetch(r.consumerId(), r.maxMessages(), r.maxWaitMs()),
                    FetchResponse::new);
        }
    }

    private void close(ChannelHandlerContext ctx, int id, CloseRequest r) {
        if (r.consumerId() == 0) {
            clientIds.release(clientId, connectionId); // free at once for a client that reconnects right away
            replyAndClose(ctx, Frame.response(FrameType.CLOSE, id, WireMessage.EMPTY, ctx.alloc()));
        } else if (checkConsumer(ctx, FrameType.CLOSE, id, r.consumerId())) {
            consumers.remove(r.consumerId());
            reply(ctx, FrameType.CLOSE, id, () -> engine.closeConsumer(r.consumerId()), v -> WireMessage.EMPTY);
        }
    }

    private void replyForConsumer(ChannelHandlerContext ctx, FrameType type, int id, long consumerId,
                                  Supplier<CompletableFuture<Void>> call) {
        if (checkConsumer(ctx, type, id, consumerId)) {
            reply(ctx, type, id, call, v -> WireMessage.EMPTY);
        }
    }

    /** A transaction may acknowledge only deliveries to consumers of this connection. */
    private boolean checkConsumers(ChannelHandlerContext ctx, FrameType type, int id, TransactionWork work) {
        for (TransactionAck ack : work.acks()) {
            if (!checkConsumer(ctx, type, id, ack.consumerId())) {
                return false;
            }
        }
        return true;
    }

    private boolean checkConsumer(ChannelHandlerContext ctx, FrameType type, int id, long consumerId) {
        if (consumers.contains(consumerId)) {
            return true;
        }
        ctx.writeAndFlush(Frame.error(id, ErrorCode.UNKNOWN_CONSUMER, type + " request " + id + ": consumer "
                + consumerId + " is not open on connection " + connectionId, ctx.alloc()));
        return false;
    }

    /** Calls the engine and answers with exactly one frame when its future completes. */
    private <T> void reply(ChannelHandlerContext ctx, FrameType type, int id, Supplier<CompletableFuture<T>> call,
                           Function<T, WireMessage> body) {
        if (!inFlight.begin()) {
            ctx.writeAndFlush(Frame.error(id, ErrorCode.SHUTTING_DOWN,
                    "Broker '" + settings.brokerId() + "' is stopping; " + type + " request " + id + " was not run",
                    ctx.alloc()));
            return;
        }
        call(call).whenComplete((value, error) -> {
            try {
                ctx.channel().writeAndFlush(replyFrame(ctx, type, id, value, error, body));
            } finally {
                inFlight.end();
            }
        });
    }

    private <T> Frame replyFrame(ChannelHandlerContext ctx, FrameType type, int id, T value, Throwable error,
                                 Function<T, WireMessage> body) {
        if (error == null) {
            try {
                return Frame.response(type, id, body.apply(value), ctx.alloc());
            } catch (RuntimeException e) {
                error = e;
            }
        }
        BrokerError brokerError = toBrokerError(type, error);
        return Frame.error(id, brokerError.code(), brokerError.getMessage(), ctx.alloc());
    }

    private static <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> call) {
        try {
            CompletableFuture<T> future = call.get();
            return future != null ? future
                    : CompletableFuture.failedFuture(new IllegalStateException("the engine returned no future"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private BrokerError toBrokerError(FrameType type, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof BrokerError brokerError) {
            return brokerError;
        }
        LOG.log(Level.WARNING, "Connection " + connectionId + ": " + type + " failed inside the broker", cause);
        return new BrokerError(ErrorCode.INTERNAL, type + " failed inside broker '" + settings.brokerId() + "': "
                + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }

    private static void replyAndClose(ChannelHandlerContext ctx, Frame frame) {
        ctx.channel().writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
    }

    /** Answers a frame that does not parse, logs one line and closes this connection only. */
    private void fail(ChannelHandlerContext ctx, ErrorCode code, String message) {
        if (failed) {
            return;
        }
        failed = true;
        LOG.warning(() -> "Connection " + connectionId + " from " + ctx.channel().remoteAddress() + ": " + code
                + ": " + message + "; closing it");
        replyAndClose(ctx, Frame.error(0, code, message, ctx.alloc()));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            fail(ctx, ErrorCode.FRAME_TOO_LARGE, cause.getMessage());
        } else if (cause instanceof DecoderException) {
            Throwable root = cause.getCause() != null ? cause.getCause() : cause;
            fail(ctx, ErrorCode.MALFORMED_FRAME, String.valueOf(root.getMessage()));
        } else {
            LOG.log(Level.FINE, "Connection " + connectionId + " from " + ctx.channel().remoteAddress()
                    + " failed; closing it", cause);
            ctx.close();
        }
    }

    /**
     * The connection ended, asked for or not: gives back its client id, closes its consumers and
     * then deletes the temporary topics it owned.
     */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closed = true;
        clientIds.release(clientId, connectionId);
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (Long consumerId : consumers) {
            if (consumers.remove(consumerId)) {
                closing.add(closeConsumerQuietly(consumerId));
            }
        }
        CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                .whenComplete((v, error) -> deleteTemporaryTopics());
        super.channelInactive(ctx);
    }

    private CompletableFuture<Void> closeConsumerQuietly(long consumerId) {
        return call(() -> engine.closeConsumer(consumerId)).whenComplete((v, error) -> {
            if (error != null) {
                LOG.log(Level.WARNING, "Connection " + connectionId + ": closing consumer " + consumerId
                        + " after disconnect failed", error);
            }
        });
    }

    private void deleteTemporaryTopics() {
        call(() -> engine.connectionClosed(connectionId)).whenComplete((v, error) -> {
            if (error != null) {
                LOG.log(Level.WARNING, "Connection " + connectionId + ": deleting its temporary topics after it closed"
                        + " failed; broker '" + settings.brokerId() + "' deletes them when it next starts", error);
            }
        });
    }

    /** Who the connection is, once its handshake succeeded; null before. */
    public Principal principal() {
        return principal;
    }

    /** The id this broker gave the connection, as announced in the handshake reply. */
    public long connectionId() {
        return connectionId;
    }
}
