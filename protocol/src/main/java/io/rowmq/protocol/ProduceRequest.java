package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/**
 * PRODUCE request: records for one queue of a topic. {@code queueIndex} -1 lets the broker
 * pick; {@code producerId} 0 means not idempotent.
 */
public record ProduceRequest(String topic, int queueIndex, long producerId, long baseSequence, List<byte[]> records)
        implements WireMessage {

    @Override
    public void encode(ByteBuf out) {
        WireFormat.writeString(out, topic);
        out.writeInt(queueIndex);
        out.writeLong(producerId);
        out.writeLong(baseSequence);
        out.writeInt(records.size());
        for (byte[] record : records) {
            WireFormat.writeBytes(out, record);
        }
    }

    public static ProduceRequest decode(ByteBuf in) {
        String topic = WireFormat.readString(in, "topic");
        int queueIndex = WireFormat.readInt(in, "queueIndex");
        long producerId = WireFormat.readLong(in, "producerId");
        long baseSequence = WireFormat.readLong(in, "baseSequence");
        int count = WireFormat.readCount(in, "record count", 4);
        List<byte[]> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(WireFormat.readBytes(in, "record " + i));
        }
        WireFormat.requireFullyRead(in, "PRODUCE request");
        return new ProduceRequest(topic, queueIndex, producerId, baseSequence, records);
    }
}
