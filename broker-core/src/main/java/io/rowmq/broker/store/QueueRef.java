package io.rowmq.broker.store;

/** One queue (partition) of a topic and the table that stores it. */
public record QueueRef(long queueId, long topicId, String topicName, int index, String tableName) {

    @Override
    public String toString() {
        return "Queue '" + topicName + "'[" + index + "]";
    }
}
