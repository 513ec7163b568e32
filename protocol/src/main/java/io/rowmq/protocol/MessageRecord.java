package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.CorruptedFrameException;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message as the producer encodes it, stored by the broker verbatim and delivered back
 * as is (docs/protocol.md, "Message record"). Immutable; the body array is shared, not copied:
 * do not modify it. Decoding a malformed record throws {@link CorruptedFrameException}.
 */
public final class MessageRecord {
    /** The record layout version written in the first byte. */
    public static final int RECORD_VERSION = 1;
    private static final int FLAG_PERSISTENT = 1;

    private final boolean persistent;
    private final BodyType bodyType;
    private final int priority;
    private final long timestamp;
    private final long expiration;
    private final long deliverAt;
    private final String messageId;
    private final String correlationId;
    private final String type;
    private final String replyTo;
    private final String destination;
    private final Map<String, Object> properties;
    private final byte[] body;

    private MessageRecord(Builder b) {
        this.persistent = b.persistent;
        this.bodyType = b.bodyType;
        this.priority = b.priority;
        this.timestamp = b.timestamp;
        this.expiration = b.expiration;
        this.deliverAt = b.deliverAt;
        this.messageId = b.messageId;
        this.correlationId = b.correlationId;
        this.type = b.type;
        this.replyTo = b.replyTo;
        this.destination = b.destination;
        this.properties = b.properties.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
        this.body = b.body;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this record's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder().persistent(persistent).bodyType(bodyType).priority(priority).timestamp(timestamp)
                .expiration(expiration).deliverAt(deliverAt).messageId(messageId).correlationId(correlationId)
                .type(type).replyTo(replyTo).destination(destination).body(body);
        properties.forEach(b::property);
        return b;
    }

    public byte[] encode() {
        ByteBuf out = Unpooled.buffer(96 + (body == null ? 0 : body.length) + properties.size() * 24);
        out.writeByte(RECORD_VERSION);
        out.writeByte(persistent ? FLAG_PERSISTENT : 0);
        out.writeByte(bodyType.code());
        out.writeByte(priority);
        out.writeLong(timestamp);
        out.writeLong(expiration);
        out.writeLong(deliverAt);
        WireFormat.writeString(out, messageId);
        WireFormat.writeString(out, correlationId);
        WireFormat.writeString(out, type);
        WireFormat.writeString(out, replyTo);
        WireFormat.writeString(out, destination);
        RecordProperties.write(out, properties);
        WireFormat.writeBytes(out, body);
        byte[] encoded = new byte[out.readableBytes()];
        out.readBytes(encoded);
        return encoded;
    }

    /** Decodes a whole record; throws {@link CorruptedFrameException} when it is malformed or has trailing bytes. */
    public static MessageRecord decode(byte[] record) {
        ByteBuf in = wrap(record);
        RecordHeader header = readHeader(in);
        Builder b = builder().persistent(header.persistent()).priority(header.priority())
                .timestamp(header.timestamp()).expiration(header.expiration()).deliverAt(header.deliverAt())
                .messageId(header.messageId()).correlationId(header.correlationId()).type(header.type());
        b.bodyType(BodyType.fromCode(in.getUnsignedByte(2)));
        b.replyTo(WireFormat.readString(in, "replyTo"));
        b.destination(WireFormat.readString(in, "destination"));
        b.properties.putAll(RecordProperties.read(in));
        b.body(WireFormat.readBytes(in, "body"));
        WireFormat.requireFullyRead(in, "Message record");
        return b.build();
    }

    /**
     * Reads only the fixed fields (flags, priority, times, ids, type) without decoding
     * properties or body: the broker calls this on every stored message.
     *
     * @throws CorruptedFrameException when the record is null, truncated, of another version or has an impossible value
     */
    public static RecordHeader readHeader(byte[] record) {
        return readHeader(wrap(record));
    }

    /**
     * Reads the fixed fields and the properties, stopping before the body, which is neither
     * read nor copied: what a message selector needs.
     *
     * @throws CorruptedFrameException when the record is null, truncated, of another version or has an impossible value
     */
    public static RecordView readSelectorView(byte[] record) {
        ByteBuf in = wrap(record);
        RecordHeader header = readHeader(in);
        WireFormat.skipString(in, "replyTo");
        WireFormat.skipString(in, "destination");
        return new RecordView(header, RecordProperties.read(in));
    }

    private static ByteBuf wrap(byte[] record) {
        if (record == null) {
            throw new CorruptedFrameException("Message record is null");
        }
        return Unpooled.wrappedBuffer(record);
    }

    private static RecordHeader readHeader(ByteBuf in) {
        int version = WireFormat.readUnsignedByte(in, "recordVersion");
        if (version != RECORD_VERSION) {
            throw new CorruptedFrameException("Message record has version " + version + ", expected " + RECORD_VERSION);
        }
        int flags = WireFormat.readUnsignedByte(in, "flags");
        BodyType.fromCode(WireFormat.readUnsignedByte(in, "bodyType"));
        int priority = WireFormat.readUnsignedByte(in, "priority");
        if (priority > 9) {
            throw new CorruptedFrameException("Message record has priority " + priority + " (expected 0..9)");
        }
        long timestamp = WireFormat.readLong(in, "timestamp");
        long expiration = WireFormat.readLong(in, "expiration");
        long deliverAt = WireFormat.readLong(in, "deliverAt");
        String messageId = WireFormat.readString(in, "messageId");
        String correlationId = WireFormat.readString(in, "correlationId");
        String type = WireFormat.readString(in, "type");
        return new RecordHeader((flags & FLAG_PERSISTENT) != 0, priority, timestamp, expiration, deliverAt,
                messageId, correlationId, type);
    }

    public boolean persistent() {
        return persistent;
    }

    public BodyType bodyType() {
        return bodyType;
    }

    public int priority() {
        return priority;
    }

    public long timestamp() {
        return timestamp;
    }

    public long expiration() {
        return expiration;
    }

    public long deliverAt() {
        return deliverAt;
    }

    public String messageId() {
        return messageId;
    }

    public String correlationId() {
        return correlationId;
    }

    public String type() {
        return type;
    }

    public String replyTo() {
        return replyTo;
    }

    public String destination() {
        return destination;
    }

    /** The properties in the order they were set; unmodifiable, values may be null. */
    public Map<String, Object> properties() {
        return properties;
    }

    /** The body bytes, or null; shared, do not modify. */
    public byte[] body() {
        return body;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof MessageRecord r)) {
            return false;
        }
        return persistent == r.persistent && bodyType == r.bodyType && priority == r.priority
                && timestamp == r.timestamp && expiration == r.expiration && deliverAt == r.deliverAt
                && Objects.equals(messageId, r.messageId) && Objects.equals(correlationId, r.correlationId)
                && Objects.equals(type, r.type) && Objects.equals(replyTo, r.replyTo)
                && Objects.equals(destination, r.destination) && RecordProperties.equal(properties, r.properties)
                && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(persistent, bodyType, priority, timestamp, expiration, deliverAt, messageId,
                correlationId, type, replyTo, destination, RecordProperties.hash(properties), Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "MessageRecord[id=" + messageId + ", destination=" + destination + ", bodyType=" + bodyType
                + ", persistent=" + persistent + ", priority=" + priority + ", properties=" + properties.size()
                + ", body=" + (body == null ? "null" : body.length + " bytes") + "]";
    }

    /** Builds a {@link MessageRecord}; defaults: persistent, body NONE, priority 4, times 0, no strings. */
    public static final class Builder {
        private boolean persistent = true;
        private BodyType bodyType = BodyType.NONE;
        private int priority = 4;
        private long timestamp;
        private long expiration;
        private long deliverAt;
        private String messageId;
        private String correlationId;
        private String type;
        private String replyTo;
        private String destination;
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private byte[] body;

        private Builder() {
        }

        public Builder persistent(boolean value) {
            this.persistent = value;
            return this;
        }

        public Builder bodyType(BodyType value) {
            this.bodyType = Objects.requireNonNull(value, "bodyType");
            return this;
        }

        public Builder priority(int value) {
            if (value < 0 || value > 9) {
                throw new IllegalArgumentException("priority must be 0..9, was " + value);
            }
            this.priority = value;
            return this;
        }

        public Builder timestamp(long value) {
            this.timestamp = value;
            return this;
        }

        public Builder expiration(long value) {
            this.expiration = value;
            return this;
        }

        public Builder deliverAt(long value) {
            this.deliverAt = value;
            return this;
        }

        public Builder messageId(String value) {
            this.messageId = value;
            return this;
        }

        public Builder correlationId(String value) {
            this.correlationId = value;
            return this;
        }

        public Builder type(String value) {
            this.type = value;
            return this;
        }

        public Builder replyTo(String value) {
            this.replyTo = value;
            return this;
        }

        public Builder destination(String value) {
            this.destination = value;
            return this;
        }

        /** Adds or replaces a property; the value must be one of the tag types or null. */
        public Builder property(String name, Object value) {
            RecordProperties.checkValue(name, value);
            properties.put(name, value);
            return this;
        }

        public Builder body(byte[] value) {
            this.body = value;
            return this;
        }

        public MessageRecord build() {
            return new MessageRecord(this);
        }
    }
}
