package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

/** CLOSE request: close one consumer, or with id 0 the whole connection (after the reply). */
public record CloseRequest(long consumerId) implements WireMessage {

    @Override
    public void encode(ByteBuf out) {
        out.writeLong(consumerId);
    }

    public static CloseRequest decode(ByteBuf in) {
        CloseRequest request = new CloseRequest(WireFormat.readLong(in, "consumerId"));
        WireFormat.requireFullyRead(in, "CLOSE request");
        return request;
    }
}
