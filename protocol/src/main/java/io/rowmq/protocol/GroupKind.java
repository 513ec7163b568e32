package io.rowmq.protocol;

/** How a consumer group starts and how long it lives; the wire code is {@link #code()}. */
public enum GroupKind {
    /** Starts at the beginning, persistent, consumers compete: a JMS queue. */
    QUEUE(0),
    /** Starts at the end when created, persistent: a durable subscription. */
    DURABLE(1),
    /** Starts at the end, removed when its last consumer closes: a shared non-durable subscription. */
    SHARED(2),
    /** Starts at the end, one consumer, removed with it: a non-durable subscription. */
    EPHEMERAL(3);

    private final int code;

    GroupKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** True when the group and its offsets outlive its consumers. */
    public boolean persistent() {
        return this == QUEUE || this == DURABLE;
    }

    public static GroupKind fromCode(int code) {
        for (GroupKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown group kind code " + code + " (expected 0..3)");
    }
}
