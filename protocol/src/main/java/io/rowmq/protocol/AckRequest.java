package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

import java.util.List;

/** ACK request: settle these messages of the consumer. */
public record AckRequest(long consumerId, List<MessageRef> refs) implements WireMessage {

    @Override
    public void encode(ByteBuf out) {
        out.writeLong(consumerId);
        MessageRefs.write(out, refs);
    }

    public static AckRequest decode(ByteBuf in) {
        long consumerId = WireFormat.readLong(in, "consumerId");
        List<MessageRef> refs = MessageRefs.read(in);
        WireFormat.requireFullyRead(in, "ACK request");
        return new AckRequest(consumerId, refs);
    }
}
