package io.rowmq.protocol.selector;

import java.util.HashMap;
import java.util.Map;

/** A message for selector tests: header fields and properties set by hand. */
final class TestMessage implements SelectorContext {
    String deliveryMode = "PERSISTENT";
    int priority = 4;
    String messageId = "ID:m-1";
    long timestamp = 1_700_000_000_000L;
    String correlationId;
    String type;
    final Map<String, Object> properties = new HashMap<>();

    static TestMessage with(Object... namesAndValues) {
        TestMessage message = new TestMessage();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            message.properties.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return message;
    }

    @Override
    public String deliveryMode() {
        return deliveryMode;
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
