package io.rowmq.protocol;


/** The type byte of a frame (docs/protocol.md, "Frame types"). */
public enum FrameType {
    HANDSHAKE(1),
    PRODUCE(2),
    CREATE_TOPIC(3),
    DELETE_TOPIC(4),
    METADATA(5),
    SUBSCRIBE(6),
    FETCH(7),
    ACK(8),
    RELEASE(9),
    HEARTBEAT(10),
    CLOSE(11),
    ERROR(12),
    DELETE_GROUP(13),
    BROWSE(14),
    SET_CLIENT_ID(15),
    CREATE_TEMPORARY_TOPIC(16),
    /** Create, change or remove a broker user, or list them (UserAdminRequest). */
    USER_ADMIN(17),
    TX_COMMIT(18),
    TX_PREPARE(19),
    TX_END(20),
    TX_RECOVER(21);

    /** The highest code in use. */
    public static final int MAX_CODE = 21;
    private static final FrameType[] BY_CODE = byCode();

    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    private static FrameType[] byCode() {
        int max = 0;
        for (FrameType type : values()) {
            max = Math.max(max, type.code);
        }
        FrameType[] byCode = new FrameType[max + 1];
        for (FrameType type : values()) {
            byCode[type.code] = type;
        }
        return byCode;
    }

    public int code() {
        return code;
    }

    /** The type for a wire code, or null when the code is unknown. */
    public static FrameType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
