package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

/** SET_CLIENT_ID request: registers the JMS client id of this connection. Reply: empty. */
public record SetClientIdRequest(String clientId) implements WireMessage {

    @Override
    public void encode(ByteBuf out) {
        WireFormat.writeString(out, clientId);
    }

    public static SetClientIdRequest decode(ByteBuf in) {
        SetClientIdRequest request = new SetClientIdRequest(WireFormat.readString(in, "clientId"));
        WireFormat.requireFullyRead(in, "SET_CLIENT_ID request");
        return request;
    }
}
