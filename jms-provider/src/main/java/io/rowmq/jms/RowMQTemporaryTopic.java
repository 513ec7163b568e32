package io.rowmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.TemporaryTopic;

/** A temporary topic, broker topic {@code temp-topic:NAME}; lives as long as its connection. */
public final class RowMQTemporaryTopic extends RowMQTopic implements TemporaryTopic {
    private static final long serialVersionUID = 1L;

    private final transient TemporaryDestinationOwner owner;

    /** @param owner the creating connection, or null for one read from a message */
    public RowMQTemporaryTopic(String name, TemporaryDestinationOwner owner) {
        super(name);
        this.owner = owner;
    }

    /** The creating connection, or null when this instance came from a message or deserialization. */
    public TemporaryDestinationOwner owner() {
        return owner;
    }

    @Override
    public String brokerTopic() {
        return TEMP_TOPIC_PREFIX + getName();
    }

    @Override
    String scheme() {
        return "temp-topic";
    }

    @Override
    public boolean isTemporary() {
        return true;
    }

    @Override
    public void delete() throws JMSException {
        if (owner == null) {
            throw new jakarta.jms.IllegalStateException("Temporary topic '" + getName()
                    + "' can only be deleted through the connection that created it");
        }
        owner.deleteTemporary(this);
    }
}
