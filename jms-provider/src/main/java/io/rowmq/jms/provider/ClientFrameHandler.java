package io.rowmq.jms.provider;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.ErrorReply;
import io.rowmq.protocol.Frame;
import io.rowmq.protocol.FrameType;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Matches each reply frame to its outstanding request and completes that request's future,
 * on the event loop. An ERROR with requestId 0 is about the whole connection: every request
 * fails with it. When the connection ends, every request still waiting fails with a
 * {@link ConnectionLostException} that says why.
 */
final class ClientFrameHandler extends SimpleChannelInboundHandler<Frame> {
    private static final Logger LOG = Logger.getLogger(ClientFrameHandler.class.getName());

    private final PendingRequests pending;
    private final String peer;
    private volatile Throwable failure;
    private volatile boolean closedByClient;

    ClientFrameHandler(PendingRequests pending, String peer) {
        this.pending = pending;
        this.peer = peer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        if (!frame.isResponse()) {
            failConnection(ctx, new IllegalStateException("Broker at " + peer + " sent a " + frame.type()
                    + " request frame; a broker only sends replies"));
            return;
        }
        if (frame.type() == FrameType.ERROR && frame.requestId() == 0) {
            BrokerError error = ErrorReply.decode(frame.body()).toBrokerError();
            failConnection(ctx, new BrokerError(error.code(), "Broker at " + peer + " closed the connection: "
                    + error.getMessage()));
            return;
        }
        PendingRequests.Pending<?> request = pending.remove(frame.requestId());
        if (request == null) {
            LOG.fine(() -> "Reply " + frame.type() + " for request " + frame.requestId() + " from " + peer
                    + " came after the request had timed out or failed; dropped");
            return;
        }
        if (frame.type() == FrameType.ERROR) {
            request.future.completeExceptionally(ErrorReply.decode(frame.body()).toBrokerError());
        } else if (frame.type() != request.type) {
            request.future.completeExceptionally(new IllegalStateException("Broker at " + peer + " answered "
                    + request.type + " request " + request.requestId + " with a " + frame.type() + " reply"));
        } else {
            request.complete(frame.body());
        }
    }

    private void failConnection(ChannelHandlerContext ctx, Throwable error) {
        failure = error;
        LOG.warning(() -> error.getMessage());
        pending.failAll(request -> error);
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        LOG.log(Level.WARNING, "Connection to RowMQ broker at " + peer + " failed; closing it: " + cause, cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        pending.failAll(request -> new ConnectionLostException(request.type + " request " + request.requestId
                + " to RowMQ broker at " + peer + " failed: " + closeReason(), failure));
        super.channelInactive(ctx);
    }

    /** Marks the coming close as asked for, so outstanding requests say so. */
    void closingByClient() {
        closedByClient = true;
    }

    /** Why the connection ended, for error messages. */
    String closeReason() {
        if (closedByClient) {
            return "the connection was closed by the client";
        }
        Throwable cause = failure;
        return cause == null ? "the connection was lost" : "the connection was lost (" + cause.getMessage() + ")";
    }
}
