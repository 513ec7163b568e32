package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

/**
 * BROWSE request: up to {@code maxMessages} of the messages the group would still deliver,
 * after the positions of {@code from}, without claiming or changing anything. Reply:
 * {@link BrowsePage}.
 */
public record BrowseRequest(String topic, String group, BrowseCursor from, int maxMessages) implements WireMessage {

    public BrowseRequest {
        if (from == null) {
            throw new IllegalArgumentException("A browse needs a cursor; use BrowseCursor.START for the first page");
        }
    }

    @Override
    public void encode(ByteBuf out) {
        WireFormat.writeString(out, topic);
        WireFormat.writeString(out, group);
        from.write(out);
        out.writeInt(maxMessages);
    }

    public static BrowseRequest decode(ByteBuf in) {
        String topic = WireFormat.readString(in, "topic");
        String group = WireFormat.readString(in, "group");
        BrowseCursor from = BrowseCursor.read(in);
        int maxMessages = WireFormat.readInt(in, "maxMessages");
        WireFormat.requireFullyRead(in, "BROWSE request");
        return new BrowseRequest(topic, group, from, maxMessages);
    }
}
