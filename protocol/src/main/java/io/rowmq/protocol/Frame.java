package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One frame: type, RESPONSE flag, request id and a body buffer positioned after the header.
 * Reference counted through its body: whoever ends up holding a frame releases it once
 * (writing it to a channel hands it over).
 */
public final class Frame extends DefaultByteBufHolder {
    /** Bytes of the length field that precedes every frame. */
    public static final int LENGTH_FIELD_SIZE = 4;
    /** Bytes after the length field before the body: type, flags, requestId. */
    public static final int HEADER_SIZE = 6;
    /** The default maximum frame size, length field included: 16 MiB. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 16 * 1024 * 1024;
    /** Flag bit 0: this frame answers the request with the same id. */
    public static final int FLAG_RESPONSE = 1;

    private final FrameType type;
    private final boolean response;
    private final int requestId;

    public Frame(FrameType type, boolean response, int requestId, ByteBuf body) {
        super(body);
        if (type == null) {
            throw new IllegalArgumentException("Frame type must not be null");
        }
        this.type = type;
        this.response = response;
        this.requestId = requestId;
    }

    /** A request frame whose body {@code message} writes into a buffer from {@code alloc}. */
    public static Frame request(FrameType type, int requestId, WireMessage message, ByteBufAllocator alloc) {
        return new Frame(type, false, requestId, encode(message, alloc));
    }

    /** A reply frame (RESPONSE flag set). */
    public static Frame response(FrameType type, int requestId, WireMessage message, ByteBufAllocator alloc) {
        return new Frame(type, true, requestId, encode(message, alloc));
    }

    /** An ERROR reply for {@code requestId} (0 when it answers no request). */
    public static Frame error(int requestId, ErrorCode code, String message, ByteBufAllocator alloc) {
        return response(FrameType.ERROR, requestId, new ErrorReply(code, code.retriable(), message), alloc);
    }

    private static ByteBuf encode(WireMessage message, ByteBufAllocator alloc) {
        ByteBuf body = alloc.buffer();
        try {
            message.encode(body);
            return body;
        } catch (RuntimeException e) {
            body.release();
            throw e;
        }
    }

    public FrameType type() {
        return type;
    }

    public boolean isResponse() {
        return response;
    }

    public int requestId() {
        return requestId;
    }

    public ByteBuf body() {
        return content();
    }

    /** Bytes this frame takes on the wire, length field included. */
    public int wireSize() {
        return LENGTH_FIELD_SIZE + HEADER_SIZE + content().readableBytes();
    }

    @Override
    public Frame replace(ByteBuf content) {
        return new Frame(type, response, requestId, content);
    }

    @Override
    public Frame retain() {
        super.retain();
        return this;
    }

    @Override
    public Frame touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return "Frame[" + type + (response ? " response" : "") + ", requestId=" + requestId + ", body="
                + (refCnt() > 0 ? content().readableBytes() + " bytes" : "released") + "]";
    }
}
