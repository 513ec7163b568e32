package io.rowmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.TemporaryQueue;

/** A temporary queue, broker topic {@code temp-queue:NAME}; lives as long as its connection. */
public final class RowMQTemporaryQueue extends RowMQQueue implements TemporaryQueue {
    private static final long serialVersionUID = 1L;

    private final transient TemporaryDestinationOwner owner;

    /** @param owner the creating connection, or null for one read from a message */
    public RowMQTemporaryQueue(String name, TemporaryDestinationOwner owner) {
        super(name);
        this.owner = owner;
    }

    /** The creating connection, or null when this instance came from a message or deserialization. */
    public TemporaryDestinationOwner owner() {
        return owner;
    }

    @Override
    public String brokerTopic() {
        return TEMP_QUEUE_PREFIX + getName();
    }

    @Override
    String scheme() {
        return "temp-queue";
    }

    @Override
    public boolean isTemporary() {
        return true;
    }

    @Override
    public void delete() throws JMSException {
        if (owner == null) {
            throw new jakarta.jms.IllegalStateException("Temporary queue '" + getName()
                    + "' can only be deleted through the connection that created it");
        }
        owner.deleteTemporary(this);
    }
}
