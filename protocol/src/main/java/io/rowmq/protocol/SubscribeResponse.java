package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

/** SUBSCRIBE reply: the consumer's id and its group's id. */
public record SubscribeResponse(long consumerId, long groupId) implements WireMessage {

    @Override
    public void encode(ByteBuf out) {
        out.writeLong(consumerId);
        out.writeLong(groupId);
    }

    public static SubscribeResponse decode(ByteBuf in) {
        SubscribeResponse response = new SubscribeResponse(WireFormat.readLong(in, "consumerId"),
                WireFormat.readLong(in, "groupId"));
        WireFormat.requireFullyRead(in, "SUBSCRIBE reply");
        return response;
    }
}
