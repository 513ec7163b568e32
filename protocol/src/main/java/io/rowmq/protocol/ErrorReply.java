package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

/** ERROR reply: a wire error code, whether retrying may help, and what went wrong. */
public record ErrorReply(ErrorCode code, boolean retriable, String message) implements WireMessage {

    public static ErrorReply of(BrokerError error) {
        return new ErrorReply(error.code(), error.retriable(), error.getMessage());
    }

    /** The exception a client raises for this reply. */
    public BrokerError toBrokerError() {
        return new BrokerError(code, message);
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeShort(code.code());
        WireFormat.writeBool(out, retriable);
        WireFormat.writeString(out, message);
    }

    public static ErrorReply decode(ByteBuf in) {
        ErrorReply reply = new ErrorReply(ErrorCode.fromCode(WireFormat.readShort(in, "code")),
                WireFormat.readBool(in, "retriable"), WireFormat.readString(in, "message"));
        WireFormat.requireFullyRead(in, "ERROR reply");
        return reply;
    }
}
