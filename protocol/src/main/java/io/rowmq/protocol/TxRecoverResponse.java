package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/** TX_RECOVER reply: the xids of every prepared transaction branch the broker's database holds. */
public record TxRecoverResponse(List<TransactionXid> xids) implements WireMessage {
    /** formatId and the two lengths. */
    private static final int MIN_XID_SIZE = 12;

    public TxRecoverResponse {
        xids = List.copyOf(xids);
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeInt(xids.size());
        for (TransactionXid xid : xids) {
            xid.encode(out);
        }
    }

    public static TxRecoverResponse decode(ByteBuf in) {
        int count = WireFormat.readCount(in, "xid count", MIN_XID_SIZE);
        List<TransactionXid> xids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            xids.add(TransactionXid.decode(in));
        }
        WireFormat.requireFullyRead(in, "TX_RECOVER reply");
        return new TxRecoverResponse(xids);
    }
}
