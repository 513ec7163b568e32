package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

import java.util.List;

/**
 * Writes a {@link Frame} as length, type, flags, requestId followed by its body, without
 * copying the body: the header goes out as its own small buffer. Stateless, so shareable.
 */
@ChannelHandler.Sharable
public final class FrameEncoder extends MessageToMessageEncoder<Frame> {

    public FrameEncoder() {
        super(Frame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        ByteBuf body = frame.body();
        ByteBuf header = ctx.alloc().buffer(Frame.LENGTH_FIELD_SIZE + Frame.HEADER_SIZE);
        header.writeInt(Frame.HEADER_SIZE + body.readableBytes());
        header.writeByte(frame.type().code());
        header.writeByte(frame.isResponse() ? Frame.FLAG_RESPONSE : 0);
        header.writeInt(frame.requestId());
        out.add(header);
        out.add(body.retain());
    }
}
