package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

/** A typed frame body that writes itself; each has a matching static {@code decode(ByteBuf)}. */
@FunctionalInterface
public interface WireMessage {

    /** The body of HEARTBEAT, and of replies that carry nothing (DELETE_TOPIC, ACK, RELEASE, CLOSE). */
    WireMessage EMPTY = out -> { };

    void encode(ByteBuf out);

    /** Checks that an empty body is empty. */
    static void decodeEmpty(ByteBuf in, String what) {
        WireFormat.requireFullyRead(in, what);
    }
}
