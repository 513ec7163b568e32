package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

/** HANDSHAKE request: magic, protocol version, who the client is and its credentials. */
public record HandshakeRequest(int magic, int version, String clientId, String user, byte[] credentials,
                               String mechanism) implements WireMessage {
    /** "RWMQ". */
    public static final int MAGIC = 0x52574D51;
    public static final int VERSION = 1;

    /** A handshake of this protocol version with a PLAIN password (or none). */
    public static HandshakeRequest plain(String clientId, String user, byte[] password) {
        return new HandshakeRequest(MAGIC, VERSION, clientId, user, password, null);
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeInt(magic);
        out.writeShort(version);
        WireFormat.writeString(out, clientId);
        WireFormat.writeString(out, user);
        WireFormat.writeBytes(out, credentials);
        WireFormat.writeString(out, mechanism);
    }

    public static HandshakeRequest decode(ByteBuf in) {
        HandshakeRequest request = new HandshakeRequest(WireFormat.readInt(in, "magic"),
                WireFormat.readShort(in, "version"), WireFormat.readString(in, "clientId"),
                WireFormat.readString(in, "user"), WireFormat.readBytes(in, "credentials"),
                WireFormat.readString(in, "mechanism"));
        WireFormat.requireFullyRead(in, "HANDSHAKE request");
        return request;
    }
}
