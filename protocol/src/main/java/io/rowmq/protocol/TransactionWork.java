package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;

import java.util.ArrayList;
import java.util.List;

/**
 * What one transaction does: the records it sends and the deliveries it acknowledges, all
 * committed or rolled back together. It is the body of TX_COMMIT, and follows the xid in
 * TX_PREPARE. Wire form: {@code int32 n, n × (string topic, int32 queueIndex, int32 count,
 * count × bytes record)}, then {@code int32 m, m × (int64 consumerId, int32 k,
 * k × (int32 queueIndex, int64 offset))}.
 */
public record TransactionWork(List<TransactionSend> sends, List<TransactionAck> acks) implements WireMessage {
    /** Smallest encoded send (empty topic, queueIndex, count) and ack (consumerId, ref count). */
    private static final int MIN_SEND_SIZE = 12;
    private static final int MIN_ACK_SIZE = 12;

    public TransactionWork {
        sends = List.copyOf(sends);
        acks = List.copyOf(acks);
    }

    /** True when the transaction neither sends nor acknowledges anything. */
    public boolean isEmpty() {
        return sends.stream().allMatch(send -> send.records().isEmpty())
                && acks.stream().allMatch(ack -> ack.refs().isEmpty());
    }

    /** How many records the transaction sends. */
    public int recordCount() {
        return sends.stream().mapToInt(send -> send.records().size()).sum();
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeInt(sends.size());
        for (TransactionSend send : sends) {
            WireFormat.writeString(out, send.topic());
            out.writeInt(send.queueIndex());
            out.writeInt(send.records().size());
            for (byte[] record : send.records()) {
                WireFormat.writeBytes(out, record);
            }
        }
        out.writeInt(acks.size());
        for (TransactionAck ack : acks) {
            out.writeLong(ack.consumerId());
            MessageRefs.write(out, ack.refs());
        }
    }

    /** Reads a work body that is the whole frame body (TX_COMMIT). */
    public static TransactionWork decodeRequest(ByteBuf in) {
        TransactionWork work = decode(in);
        WireFormat.requireFullyRead(in, "TX_COMMIT request");
        return work;
    }

    /** Reads a work body, leaving whatever follows it. */
    public static TransactionWork decode(ByteBuf in) {
        int sendCount = WireFormat.readCount(in, "send count", MIN_SEND_SIZE);
        List<TransactionSend> sends = new ArrayList<>(sendCount);
        for (int i = 0; i < sendCount; i++) {
            String topic = WireFormat.readString(in, "send " + i + " topic");
            int queueIndex = WireFormat.readInt(in, "send " + i + " queueIndex");
            int recordCount = WireFormat.readCount(in, "send " + i + " record count", 4);
            List<byte[]> records = new ArrayList<>(recordCount);
            for (int r = 0; r < recordCount; r++) {
                records.add(WireFormat.readBytes(in, "send " + i + " record " + r));
            }
            sends.add(decodeSend(topic, queueIndex, records));
        }
        int ackCount = WireFormat.readCount(in, "ack count", MIN_ACK_SIZE);
        List<TransactionAck> acks = new ArrayList<>(ackCount);
        for (int i = 0; i < ackCount; i++) {
            long consumerId = WireFormat.readLong(in, "ack " + i + " consumerId");
            acks.add(new TransactionAck(consumerId, MessageRefs.read(in)));
        }
        return new TransactionWork(sends, acks);
    }

    private static TransactionSend decodeSend(String topic, int queueIndex, List<byte[]> records) {
        try {
            return new TransactionSend(topic, queueIndex, records);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CorruptedFrameException("TX send: " + e.getMessage());
        }
    }
}
