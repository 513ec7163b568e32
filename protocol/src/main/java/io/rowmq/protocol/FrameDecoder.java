package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;

import java.nio.ByteOrder;

/**
 * Splits the byte stream into {@link Frame}s. Rejects a frame longer than the maximum with
 * {@link TooLongFrameException} as soon as its length field arrives, and a negative or too short
 * length, or an unknown type, with {@link CorruptedFrameException}. After either the connection
 * is unusable: the caller closes it.
 */
public final class FrameDecoder extends LengthFieldBasedFrameDecoder {
    private final int maxFrameSize;
    private boolean failed;

    public FrameDecoder() {
        this(Frame.DEFAULT_MAX_FRAME_SIZE);
    }

    /** @param maxFrameSize the largest frame accepted, length field included; at least 10 */
    public FrameDecoder(int maxFrameSize) {
        super(ByteOrder.BIG_ENDIAN, checked(maxFrameSize), 0, Frame.LENGTH_FIELD_SIZE, 0, Frame.LENGTH_FIELD_SIZE, true);
        this.maxFrameSize = maxFrameSize;
    }

    private static int checked(int maxFrameSize) {
        if (maxFrameSize < Frame.LENGTH_FIELD_SIZE + Frame.HEADER_SIZE) {
            throw new IllegalArgumentException("maxFrameSize must be at least 10 bytes, was " + maxFrameSize);
        }
        return maxFrameSize;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return null;
        }
        if (in.readableBytes() >= Frame.LENGTH_FIELD_SIZE) {
            checkLength(in, in.getInt(in.readerIndex()));
        }
        ByteBuf frame = (ByteBuf) super.decode(ctx, in);
        if (frame == null) {
            return null;
        }
        int code = frame.readUnsignedByte();
        FrameType type = FrameType.fromCode(code);
        if (type == null) {
            frame.release();
            fail(in);
            throw new CorruptedFrameException("Unknown frame type " + code + " (expected 1.." + FrameType.MAX_CODE + ")");
        }
        int flags = frame.readUnsignedByte();
        int requestId = frame.readInt();
        return new Frame(type, (flags & Frame.FLAG_RESPONSE) != 0, requestId, frame);
    }

    private void checkLength(ByteBuf in, int length) {
        if (length < 0) {
            fail(in);
            throw new CorruptedFrameException("Frame length field is negative: " + length);
        }
        if (length < Frame.HEADER_SIZE) {
            fail(in);
            throw new CorruptedFrameException("Frame length " + length + " is below the " + Frame.HEADER_SIZE
                    + "-byte header");
        }
        long frameSize = (long) length + Frame.LENGTH_FIELD_SIZE;
        if (frameSize > maxFrameSize) {
            fail(in);
            throw new TooLongFrameException("Frame of " + frameSize + " bytes exceeds the maximum frame size of "
                    + maxFrameSize + " bytes");
        }
    }

    /** After a bad frame the stream has no frame boundaries left: drop everything from here on. */
    private void fail(ByteBuf in) {
        failed = true;
        in.skipBytes(in.readableBytes());
    }

    public int maxFrameSize() {
        return maxFrameSize;
    }
}
