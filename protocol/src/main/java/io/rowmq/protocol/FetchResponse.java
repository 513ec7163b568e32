package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/** FETCH reply: the deliveries, possibly none when the wait elapsed. */
public record FetchResponse(List<Delivery> deliveries) implements WireMessage {
    /** queueIndex, offset, deliveryCount, record length. */
    private static final int MIN_DELIVERY_SIZE = 20;

    @Override
    public void encode(ByteBuf out) {
        out.writeInt(deliveries.size());
        for (Delivery delivery : deliveries) {
            out.writeInt(delivery.queueIndex());
            out.writeLong(delivery.offset());
            out.writeInt(delivery.deliveryCount());
            WireFormat.writeBytes(out, delivery.record());
        }
    }

    public static FetchResponse decode(ByteBuf in) {
        int count = WireFormat.readCount(in, "delivery count", MIN_DELIVERY_SIZE);
        List<Delivery> deliveries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int queueIndex = WireFormat.readInt(in, "queueIndex");
            long offset = WireFormat.readLong(in, "offset");
            int deliveryCount = WireFormat.readInt(in, "deliveryCount");
            deliveries.add(new Delivery(queueIndex, offset, deliveryCount, WireFormat.readBytes(in, "record " + i)));
        }
        WireFormat.requireFullyRead(in, "FETCH reply");
        return new FetchResponse(deliveries);
    }
}
