package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

import java.util.List;

/** RELEASE request: give these messages back for redelivery, counting the attempt or not. */
public record ReleaseRequest(long consumerId, String reason, boolean countAttempt, List<MessageRef> refs)
        implements WireMessage {

    @Override
    public void encode(ByteBuf out) {
        out.writeLong(consumerId);
        WireFormat.writeString(out, reason);
        WireFormat.writeBool(out, countAttempt);
        MessageRefs.write(out, refs);
    }

    public static ReleaseRequest decode(ByteBuf in) {
        long consumerId = WireFormat.readLong(in, "consumerId");
        String reason = WireFormat.readString(in, "reason");
        boolean countAttempt = WireFormat.readBool(in, "countAttempt");
        List<MessageRef> refs = MessageRefs.read(in);
        WireFormat.requireFullyRead(in, "RELEASE request");
        return new ReleaseRequest(consumerId, reason, countAttempt, refs);
    }
}
