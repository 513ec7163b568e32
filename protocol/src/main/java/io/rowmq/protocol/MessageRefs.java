package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/** The {@code int32 n, n × (int32 queueIndex, int64 offset)} list shared by ACK and RELEASE. */
final class MessageRefs {
    private static final int REF_SIZE = 12;

    private MessageRefs() {
    }

    static void write(ByteBuf out, List<MessageRef> refs) {
        out.writeInt(refs.size());
        for (MessageRef ref : refs) {
            out.writeInt(ref.queueIndex());
            out.writeLong(ref.offset());
        }
    }

    static List<MessageRef> read(ByteBuf in) {
        int count = WireFormat.readCount(in, "message ref count", REF_SIZE);
        List<MessageRef> refs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            refs.add(new MessageRef(in.readInt(), in.readLong()));
        }
        return refs;
    }
}
