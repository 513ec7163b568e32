package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

/** TX_END request: phase two of a prepared XA branch, commit ({@code true}) or roll back. */
public record TxEndRequest(TransactionXid xid, boolean commit) implements WireMessage {

    @Override
    public void encode(ByteBuf out) {
        xid.encode(out);
        WireFormat.writeBool(out, commit);
    }

    public static TxEndRequest decode(ByteBuf in) {
        TransactionXid xid = TransactionXid.decode(in);
        boolean commit = WireFormat.readBool(in, "commit");
        WireFormat.requireFullyRead(in, "TX_END request");
        return new TxEndRequest(xid, commit);
    }
}
