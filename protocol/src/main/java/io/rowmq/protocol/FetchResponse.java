package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/** FETCH reply: the deliveries, possibly none when the wait elapsed. */
public record FetchResponse(List<Delivery> deliveries) implements WireMessage {

    @Override
    public void encode(ByteBuf out) {
        out.writeInt(deliveries.size());
        for (Delivery delivery : deliveries) {
            delivery.write(out);
        }
    }

    public static FetchResponse decode(ByteBuf in) {
        int count = WireFormat.readCount(in, "delivery count", Delivery.MIN_WIRE_SIZE);
        List<Delivery> deliveries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            deliveries.add(Delivery.read(in, i));
        }
        WireFormat.requireFullyRead(in, "FETCH reply");
        return new FetchResponse(deliveries);
    }
}
