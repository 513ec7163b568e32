package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The id of an XA transaction branch as a transaction manager names it: format id, global
 * transaction id and branch qualifier (each of the two at most 64 bytes, as in the XA
 * specification). Immutable: the arrays are copied in and out. Wire form:
 * {@code int32 formatId, bytes gtrid, bytes bqual}.
 */
public final class TransactionXid {
    /** The longest gtrid and bqual the XA specification allows. */
    public static final int MAX_PART_LENGTH = 64;

    private final int formatId;
    private final byte[] gtrid;
    private final byte[] bqual;

    public TransactionXid(int formatId, byte[] gtrid, byte[] bqual) {
        check("gtrid", gtrid);
        check("bqual", bqual);
        this.formatId = formatId;
        this.gtrid = gtrid.clone();
        this.bqual = bqual.clone();
    }

    private static void check(String part, byte[] value) {
        if (value == null || value.length > MAX_PART_LENGTH) {
            throw new IllegalArgumentException("An XA " + part + " must be 0.." + MAX_PART_LENGTH + " bytes, was "
                    + (value == null ? "null" : value.length + " bytes"));
        }
    }

    public int formatId() {
        return formatId;
    }

    public byte[] gtrid() {
        return gtrid.clone();
    }

    public byte[] bqual() {
        return bqual.clone();
    }

    public void encode(ByteBuf out) {
        out.writeInt(formatId);
        WireFormat.writeBytes(out, gtrid);
        WireFormat.writeBytes(out, bqual);
    }

    public static TransactionXid decode(ByteBuf in) {
        int formatId = WireFormat.readInt(in, "xid formatId");
        byte[] gtrid = WireFormat.readBytes(in, "xid gtrid");
        byte[] bqual = WireFormat.readBytes(in, "xid bqual");
        try {
            return new TransactionXid(formatId, gtrid, bqual);
        } catch (IllegalArgumentException e) {
            throw new CorruptedFrameException(e.getMessage());
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TransactionXid xid && xid.formatId == formatId && Arrays.equals(xid.gtrid, gtrid)
                && Arrays.equals(xid.bqual, bqual);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * formatId + Arrays.hashCode(gtrid)) + Arrays.hashCode(bqual);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "Xid[" + formatId + ":" + hex.formatHex(gtrid) + ":" + hex.formatHex(bqual) + "]";
    }
}
