package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

/** The body of DELETE_TOPIC (a name) and of METADATA (a name, or null for all topics). */
public record TopicNameRequest(String topic) implements WireMessage {

    @Override
    public void encode(ByteBuf out) {
        WireFormat.writeString(out, topic);
    }

    public static TopicNameRequest decode(ByteBuf in) {
        TopicNameRequest request = new TopicNameRequest(WireFormat.readString(in, "topic"));
        WireFormat.requireFullyRead(in, "topic name request");
        return request;
    }
}
