package io.rowmq.protocol;

import java.util.Map;
import java.util.Objects;

/**
 * A record's fixed fields and properties without its body: what a message selector may look
 * at. Read with {@link MessageRecord#readSelectorView(byte[])}, which never copies the body.
 */
public final class RecordView {
    private final RecordHeader header;
    private final Map<String, Object> properties;

    /** A view of {@code header} with {@code properties} (unmodifiable, values of the record's property types). */
    public RecordView(RecordHeader header, Map<String, Object> properties) {
        this.header = Objects.requireNonNull(header, "header");
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    /** A view of the fixed fields only, for selectors that reference no property. */
    public static RecordView headerOnly(RecordHeader header) {
        return new RecordView(header, Map.of());
    }

    public RecordHeader header() {
        return header;
    }

    /** The properties in the order they were set; unmodifiable. */
    public Map<String, Object> properties() {
        return properties;
    }

    @Override
    public String toString() {
        return "RecordView[id=" + header.messageId() + ", properties=" + properties.keySet() + "]";
    }
}
