package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

/** FETCH request: up to {@code maxMessages} for the consumer, waiting up to {@code maxWaitMs} for the first. */
public record FetchRequest(long consumerId, int maxMessages, int maxWaitMs) implements WireMessage {

    @Override
    public void encode(ByteBuf out) {
        out.writeLong(consumerId);
        out.writeInt(maxMessages);
        out.writeInt(maxWaitMs);
    }

    public static FetchRequest decode(ByteBuf in) {
        FetchRequest request = new FetchRequest(WireFormat.readLong(in, "consumerId"),
                WireFormat.readInt(in, "maxMessages"), WireFormat.readInt(in, "maxWaitMs"));
        WireFormat.requireFullyRead(in, "FETCH request");
        return request;
    }
}
