package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

/**
 * DELETE_GROUP request: removes a DURABLE or SHARED consumer group with its offsets and claims
 * (JMS {@code Session.unsubscribe}). A null topic means the group of that name on any topic.
 * Reply: empty.
 */
public record DeleteGroupRequest(String topic, String group) implements WireMessage {

    @Override
    public void encode(ByteBuf out) {
        WireFormat.writeString(out, topic);
        WireFormat.writeString(out, group);
    }

    public static DeleteGroupRequest decode(ByteBuf in) {
        DeleteGroupRequest request = new DeleteGroupRequest(WireFormat.readString(in, "topic"),
                WireFormat.readString(in, "group"));
        WireFormat.requireFullyRead(in, "DELETE_GROUP request");
        return request;
    }
}
