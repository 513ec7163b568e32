package io.rowmq.protocol.selector;

import io.rowmq.protocol.MessageRecord;
import io.rowmq.protocol.RecordHeader;
import io.rowmq.protocol.RecordView;

import java.util.Map;

/** A message record (or its selector view) as a selector sees it. */
final class RecordContext implements SelectorContext {
    private final boolean persistent;
    private final int priority;
    private final String messageId;
    private final long timestamp;
    private final String correlationId;
    private final String type;
    private final Map<String, Object> properties;

    private RecordContext(boolean persistent, int priority, String messageId, long timestamp, String correlationId,
                          String type, Map<String, Object> properties) {
        this.persistent = persistent;
        this.priority = priority;
        this.messageId = messageId;
        this.timestamp = timestamp;
        this.correlationId = correlationId;
        this.type = type;
        this.properties = properties;
    }

    static RecordContext of(MessageRecord record) {
        return new RecordContext(record.persistent(), record.priority(), record.messageId(), record.timestamp(),
                record.correlationId(), record.type(), record.properties());
    }

    static RecordContext of(RecordView view) {
        RecordHeader header = view.header();
        return new RecordContext(header.persistent(), header.priority(), header.messageId(), header.timestamp(),
                header.correlationId(), header.type(), view.properties());
    }

    @Override
    public String deliveryMode() {
        return persistent ? "PERSISTENT" : "NON_PERSISTENT";
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public String messageId() {
        return messageId;
    }

    @Override
    public long timestamp() {
        return timestamp;
    }

    @Override
    public String correlationId() {
        return correlationId;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Object property(String name) {
        return properties.get(name);
    }
}
