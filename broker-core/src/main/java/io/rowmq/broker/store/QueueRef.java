package io.rowmq.broker.store;

/** One queue (partition) of a topic, the table that stores it and the data node that table lives on. */
public record QueueRef(long queueId, long topicId, String topicName, int index, String tableName, int dataNodeId) {

    @Override
    public String toString() {
        return "Queue '" + topicName + "'[" + index + "]";
    }
}
