package io.rowmq.jms;

import jakarta.jms.Topic;

/** A JMS topic: broker topic {@code topic:NAME}, one consumer group per subscription. */
public class RowMQTopic extends RowMQDestination implements Topic {
    private static final long serialVersionUID = 1L;

    public RowMQTopic(String name) {
        super(name);
    }

    @Override
    public String getTopicName() {
        return getName();
    }

    @Override
    public String brokerTopic() {
        return TOPIC_PREFIX + getName();
    }

    @Override
    String scheme() {
        return "topic";
    }

    @Override
    public boolean isQueue() {
        return false;
    }
}
