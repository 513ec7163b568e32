package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

/** A topic as the broker describes it; also the body of the CREATE_TOPIC and CREATE_TEMPORARY_TOPIC replies. */
public record TopicInfo(String name, int queueCount, int maxAttempts) implements WireMessage {

    @Override
    public void encode(ByteBuf out) {
        WireFormat.writeString(out, name);
        out.writeInt(queueCount);
        out.writeInt(maxAttempts);
    }

    /** Reads one topic info, leaving what follows. */
    public static TopicInfo read(ByteBuf in) {
        return new TopicInfo(WireFormat.readString(in, "topic name"), WireFormat.readInt(in, "queueCount"),
                WireFormat.readInt(in, "maxAttempts"));
    }

    /** Decodes a whole CREATE_TOPIC or CREATE_TEMPORARY_TOPIC reply body. */
    public static TopicInfo decode(ByteBuf in) {
        TopicInfo info = read(in);
        WireFormat.requireFullyRead(in, "topic info reply");
        return info;
    }
}
