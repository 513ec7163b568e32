package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/** METADATA reply: the topics asked for. */
public record MetadataResponse(List<TopicInfo> topics) implements WireMessage {
    /** A topic info takes at least a name length and two ints. */
    private static final int MIN_TOPIC_SIZE = 12;

    @Override
    public void encode(ByteBuf out) {
        out.writeInt(topics.size());
        for (TopicInfo topic : topics) {
            topic.encode(out);
        }
    }

    public static MetadataResponse decode(ByteBuf in) {
        int count = WireFormat.readCount(in, "topic count", MIN_TOPIC_SIZE);
        List<TopicInfo> topics = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            topics.add(TopicInfo.read(in));
        }
        WireFormat.requireFullyRead(in, "METADATA reply");
        return new MetadataResponse(topics);
    }
}
