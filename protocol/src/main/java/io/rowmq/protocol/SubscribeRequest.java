package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;

/** SUBSCRIBE request: open a consumer on a group of a topic. */
public record SubscribeRequest(String topic, String group, GroupKind kind, String selector, boolean createTopic)
        implements WireMessage {

    @Override
    public void encode(ByteBuf out) {
        WireFormat.writeString(out, topic);
        WireFormat.writeString(out, group);
        out.writeByte(kind.code());
        WireFormat.writeString(out, selector);
        WireFormat.writeBool(out, createTopic);
    }

    public static SubscribeRequest decode(ByteBuf in) {
        String topic = WireFormat.readString(in, "topic");
        String group = WireFormat.readString(in, "group");
        int kindCode = WireFormat.readUnsignedByte(in, "kind");
        if (kindCode > GroupKind.EPHEMERAL.code()) {
            throw new CorruptedFrameException("SUBSCRIBE request has group kind " + kindCode + " (expected 0..3)");
        }
        String selector = WireFormat.readString(in, "selector");
        boolean createTopic = WireFormat.readBool(in, "createTopic");
        WireFormat.requireFullyRead(in, "SUBSCRIBE request");
        return new SubscribeRequest(topic, group, GroupKind.fromCode(kindCode), selector, createTopic);
    }
}
