package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/**
 * BROWSE reply: messages the group would still deliver, in queue then offset order (their
 * delivery count is what the next delivery would be, 1 if never delivered), the cursor to
 * browse on from, and whether every queue was read to its end when the page was made.
 */
public record BrowsePage(List<Delivery> deliveries, BrowseCursor next, boolean exhausted) implements WireMessage {

    public BrowsePage {
        deliveries = List.copyOf(deliveries);
        if (next == null) {
            throw new IllegalArgumentException("A browse page needs its next cursor");
        }
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeInt(deliveries.size());
        for (Delivery delivery : deliveries) {
            delivery.write(out);
        }
        next.write(out);
        WireFormat.writeBool(out, exhausted);
    }

    public static BrowsePage decode(ByteBuf in) {
        int count = WireFormat.readCount(in, "delivery count", Delivery.MIN_WIRE_SIZE);
        List<Delivery> deliveries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            deliveries.add(Delivery.read(in, i));
        }
        BrowseCursor next = BrowseCursor.read(in);
        boolean exhausted = WireFormat.readBool(in, "exhausted");
        WireFormat.requireFullyRead(in, "BROWSE reply");
        return new BrowsePage(deliveries, next, exhausted);
    }
}
