package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

/**
 * A message handed to a consumer: where it is stored, how many times it has been delivered
 * (1 the first time) and the record exactly as the producer encoded it.
 */
public record Delivery(int queueIndex, long offset, int deliveryCount, byte[] record) {
    /** queueIndex, offset, deliveryCount, record length: the least a delivery takes on the wire. */
    static final int MIN_WIRE_SIZE = 20;

    public MessageRef ref() {
        return new MessageRef(queueIndex, offset);
    }

    /** True when this delivery is not the first: the JMSRedelivered flag. */
    public boolean redelivered() {
        return deliveryCount > 1;
    }

    /** Writes the {@code delivery} encoding shared by FETCH and BROWSE replies. */
    void write(ByteBuf out) {
        out.writeInt(queueIndex);
        out.writeLong(offset);
        out.writeInt(deliveryCount);
        WireFormat.writeBytes(out, record);
    }

    /** Reads one {@code delivery}; {@code i} names it in errors. */
    static Delivery read(ByteBuf in, int i) {
        int queueIndex = WireFormat.readInt(in, "queueIndex");
        long offset = WireFormat.readLong(in, "offset");
        int deliveryCount = WireFormat.readInt(in, "deliveryCount");
        return new Delivery(queueIndex, offset, deliveryCount, WireFormat.readBytes(in, "record " + i));
    }
}
