package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

/**
 * CREATE_TEMPORARY_TOPIC request: a topic owned by the requesting connection and deleted with
 * it; 0 queues means the broker's default. Reply: {@link TopicInfo}.
 */
public record CreateTemporaryTopicRequest(String name, int queueCount) implements WireMessage {

    @Override
    public void encode(ByteBuf out) {
        WireFormat.writeString(out, name);
        out.writeInt(queueCount);
    }

    public static CreateTemporaryTopicRequest decode(ByteBuf in) {
        CreateTemporaryTopicRequest request = new CreateTemporaryTopicRequest(WireFormat.readString(in, "name"),
                WireFormat.readInt(in, "queueCount"));
        WireFormat.requireFullyRead(in, "CREATE_TEMPORARY_TOPIC request");
        return request;
    }
}
