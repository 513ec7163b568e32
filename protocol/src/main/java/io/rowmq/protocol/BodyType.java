package io.rowmq.protocol;

import io.netty.handler.codec.CorruptedFrameException;

/** What the body of a {@link MessageRecord} holds: the JMS message type. */
public enum BodyType {
    NONE(0),
    BYTES(1),
    TEXT(2),
    MAP(3),
    STREAM(4),
    OBJECT(5);

    private final int code;

    BodyType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The body type for a wire code; an unknown code is a corrupt record. */
    public static BodyType fromCode(int code) {
        for (BodyType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new CorruptedFrameException("Unknown body type code " + code + " (expected 0..5)");
    }
}
