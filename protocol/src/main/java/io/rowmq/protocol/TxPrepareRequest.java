package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

/** TX_PREPARE request: phase one of an XA branch, the xid followed by everything the branch does. */
public record TxPrepareRequest(TransactionXid xid, TransactionWork work) implements WireMessage {

    @Override
    public void encode(ByteBuf out) {
        xid.encode(out);
        work.encode(out);
    }

    public static TxPrepareRequest decode(ByteBuf in) {
        TransactionXid xid = TransactionXid.decode(in);
        TransactionWork work = TransactionWork.decode(in);
        WireFormat.requireFullyRead(in, "TX_PREPARE request");
        return new TxPrepareRequest(xid, work);
    }
}
