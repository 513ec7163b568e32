package io.rowmq.broker.admin;

import io.rowmq.broker.store.QueueRef;
import io.rowmq.protocol.TopicInfo;

import java.util.List;

/** A topic as stored in the admin schema, with its queues in index order. */
public record Topic(long id, String name, int maxAttempts, List<QueueRef> queues) {

    public Topic {
        queues = List.copyOf(queues);
    }

    public QueueRef queue(int index) {
        return queues.get(index);
    }

    public TopicInfo info() {
        return new TopicInfo(name, queues.size(), maxAttempts);
    }
}
