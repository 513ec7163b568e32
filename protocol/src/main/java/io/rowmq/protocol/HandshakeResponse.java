package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

/** HANDSHAKE reply: the version spoken, the broker's id, its maximum frame size and the connection's id. */
public record HandshakeResponse(int version, String brokerId, int maxFrameSize, long connectionId)
        implements WireMessage {

    @Override
    public void encode(ByteBuf out) {
        out.writeShort(version);
        WireFormat.writeString(out, brokerId);
        out.writeInt(maxFrameSize);
        out.writeLong(connectionId);
    }

    public static HandshakeResponse decode(ByteBuf in) {
        HandshakeResponse response = new HandshakeResponse(WireFormat.readShort(in, "version"),
                WireFormat.readString(in, "brokerId"), WireFormat.readInt(in, "maxFrameSize"),
                WireFormat.readLong(in, "connectionId"));
        WireFormat.requireFullyRead(in, "HANDSHAKE reply");
        return response;
    }
}
