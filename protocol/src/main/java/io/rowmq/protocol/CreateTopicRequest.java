package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

/** CREATE_TOPIC request; 0 queues or 0 attempts means the broker's default. Reply: {@link TopicInfo}. */
public record CreateTopicRequest(String name, int queueCount, int maxAttempts) implements WireMessage {

    @Override
    public void encode(ByteBuf out) {
        WireFormat.writeString(out, name);
        out.writeInt(queueCount);
        out.writeInt(maxAttempts);
    }

    public static CreateTopicRequest decode(ByteBuf in) {
        CreateTopicRequest request = new CreateTopicRequest(WireFormat.readString(in, "name"),
                WireFormat.readInt(in, "queueCount"), WireFormat.readInt(in, "maxAttempts"));
        WireFormat.requireFullyRead(in, "CREATE_TOPIC request");
        return request;
    }
}
