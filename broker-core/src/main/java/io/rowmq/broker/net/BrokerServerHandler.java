package io.rowmq.broker.net;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.rowmq.broker.BrokerEngine;
import io.rowmq.protocol.AckRequest;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.CloseRequest;
import io.rowmq.protocol.CreateTopicRequest;
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
import io.rowmq.protocol.SubscribeRequest;
import io.rowmq.protocol.SubscribeResponse;
import io.rowmq.protocol.TopicNameRequest;
import io.rowmq.protocol.TransactionAck;
import io.rowmq.protocol.TransactionWork;
import io.rowmq.protocol.TxEndRequest;
import io.rowmq.protocol.TxPrepareRequest;
import io.rowmq.protocol.TxRecoverResponse;
import io.rowmq.protocol.WireMessage;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connection: requires a HANDSHAKE first, then turns each request frame into one
 * {@link BrokerEngine} call and each completed future into one reply, written from the
 * completing thread (Netty hands the write to the event loop). Tracks the consumers opened on
 * this connection and closes them when it goes away. A frame that does not parse gets an
 * ERROR frame with requestId 0 and closes this connection only.
 */
public final class BrokerServerHandler extends SimpleChannelInboundHandler<Frame> {
    private static final Logger LOG = Logger.getLogger(BrokerServerHandler.class.getName());

    private final BrokerEngine engine;
    private final ServerSettings settings;
    private final Authenticator authenticator;
    private final InFlightRequests inFlight;
    private final long connectionId;
    private final Set<Long> consumers = ConcurrentHashMap.newKeySet();
    private volatile boolean handshakeDone;
    private volatile boolean handshakeStarted;
    private volatile boolean closed;
    private boolean failed;

    BrokerServerHandler(BrokerEngine engine, ServerSettings settings, Authenticator authenticator,
                        InFlightRequests inFlight, long connectionId) {
        this.engine = engine;
        this.settings = settings;
        this.authenticator = authenticator;
        this.inFlight = inFlight;
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
        call(() -> authenticator.authenticate(request)).whenComplete((user, error) -> {
            if (error != null) {
                BrokerError refused = toBrokerError(FrameType.HANDSHAKE, error);
                replyAndClose(ctx, Frame.error(requestId, refused.code(), refused.getMessage(), ctx.alloc()));
                return;
            }
            handshakeDone = true;
            LOG.fine(() -> "Connection " + connectionId + " from " + ctx.channel().remoteAddress()
                    + ": client '" + request.clientId() + "', user '" + user + "'");
            ctx.channel().writeAndFlush(Frame.response(FrameType.HANDSHAKE, requestId, new HandshakeResponse(
                    HandshakeRequest.VERSION, settings.brokerId(), settings.maxFrameSize(), connectionId), ctx.alloc()));
        });
    }

    private void dispatch(ChannelHandlerContext ctx, Frame frame) {
        int id = frame.requestId();
        switch (frame.type()) {
            case PRODUCE -> {
                ProduceRequest r = ProduceRequest.decode(frame.body());
                reply(ctx, FrameType.PRODUCE, id,
                        () -> engine.append(r.topic(), r.queueIndex(), r.producerId(), r.baseSequence(), r.records()),
                        a -> new ProduceResult(a.queueIndex(), a.duplicate(), a.offsets()));
            }
            case CREATE_TOPIC -> {
                CreateTopicRequest r = CreateTopicRequest.decode(frame.body());
                reply(ctx, FrameType.CREATE_TOPIC, id,
                        () -> engine.createTopic(r.name(), r.queueCount(), r.maxAttempts()), info -> info);
            }
            case DELETE_TOPIC -> {
                TopicNameRequest r = TopicNameRequest.decode(frame.body());
                reply(ctx, FrameType.DELETE_TOPIC, id, () -> engine.deleteTopic(r.topic()), v -> WireMessage.EMPTY);
            }
            case METADATA -> {
                TopicNameRequest r = TopicNameRequest.decode(frame.body());
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
        reply(ctx, FrameType.SUBSCRIBE, id,
                () -> engine.subscribe(r.topic(), r.group(), r.kind(), r.selector(), r.createTopic())
                        .thenApply(subscription -> {
                            consumers.add(subscription.consumerId());
                            if (closed && consumers.remove(subscription.consumerId())) {
                                closeConsumerQuietly(subscription.consumerId());
                            }
                            return subscription;
                        }),
                s -> new SubscribeResponse(s.consumerId(), s.groupId()));
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

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closed = true;
        for (Long consumerId : consumers) {
            if (consumers.remove(consumerId)) {
                closeConsumerQuietly(consumerId);
            }
        }
        super.channelInactive(ctx);
    }

    private void closeConsumerQuietly(long consumerId) {
        call(() -> engine.closeConsumer(consumerId)).whenComplete((v, error) -> {
            if (error != null) {
                LOG.log(Level.WARNING, "Connection " + connectionId + ": closing consumer " + consumerId
                        + " after disconnect failed", error);
            }
        });
    }

    /** The id this broker gave the connection, as announced in the handshake reply. */
    public long connectionId() {
        return connectionId;
    }
}
