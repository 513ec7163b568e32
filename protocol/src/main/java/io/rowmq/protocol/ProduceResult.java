package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;

/**
 * PRODUCE reply: the queue the records went to and their offsets, or {@code duplicate} (no
 * offsets) when the batch had been stored before.
 */
public record ProduceResult(int queueIndex, boolean duplicate, long[] offsets) implements WireMessage {
    private static final int STORED = 0;
    private static final int DUPLICATE = 1;

    @Override
    public void encode(ByteBuf out) {
        out.writeInt(queueIndex);
        out.writeByte(duplicate ? DUPLICATE : STORED);
        out.writeInt(offsets.length);
        for (long offset : offsets) {
            out.writeLong(offset);
        }
    }

    public static ProduceResult decode(ByteBuf in) {
        int queueIndex = WireFormat.readInt(in, "queueIndex");
        int status = WireFormat.readUnsignedByte(in, "status");
        if (status != STORED && status != DUPLICATE) {
            throw new CorruptedFrameException("PRODUCE reply has status " + status + " (expected 0 or 1)");
        }
        int count = WireFormat.readCount(in, "offset count", 8);
        long[] offsets = new long[count];
        for (int i = 0; i < count; i++) {
            offsets[i] = in.readLong();
        }
        WireFormat.requireFullyRead(in, "PRODUCE reply");
        return new ProduceResult(queueIndex, status == DUPLICATE, offsets);
    }
}
