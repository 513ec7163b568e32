package io.rowmq.jms;

import jakarta.jms.Queue;

/** A JMS queue: broker topic of the same name, consumed through one competing group. */
public class RowMQQueue extends RowMQDestination implements Queue {
    private static final long serialVersionUID = 1L;

    public RowMQQueue(String name) {
        super(name);
    }

    @Override
    public String getQueueName() {
        return getName();
    }

    @Override
    public String brokerTopic() {
        return getName();
    }

    @Override
    String scheme() {
        return "queue";
    }

    @Override
    public boolean isQueue() {
        return true;
    }
}
