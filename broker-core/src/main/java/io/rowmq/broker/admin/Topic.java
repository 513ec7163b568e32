package io.rowmq.broker.admin;

import io.rowmq.broker.store.QueueRef;
import io.rowmq.protocol.TopicInfo;

import java.util.List;

/**
 * A topic as stored in the admin schema, with its queues in index order. A temporary topic
 * has the connection that owns it; an ordinary topic has a null owner.
 */
public record Topic(long id, String name, int maxAttempts, List<QueueRef> queues, TopicOwner owner) {

    public Topic {
        queues = List.copyOf(queues);
    }

    /** An ordinary (not temporary) topic. */
    public Topic(long id, String name, int maxAttempts, List<QueueRef> queues) {
        this(id, name, maxAttempts, queues, null);
    }

    public QueueRef queue(int index) {
        return queues.get(index);
    }

    /** True for a topic that belongs to one client connection and is deleted with it. */
    public boolean temporary() {
        return owner != null;
    }

    public TopicInfo info() {
        return new TopicInfo(name, queues.size(), maxAttempts);
    }
}
