package io.rowmq.broker.tx;

import java.util.List;

/**
 * A recorded transaction as read back for applying or rolling back it: its sends per queue in
 * send order, and its acknowledgements.
 */
record StoredWork(List<QueueSends> sends, List<StoredAck> acks) {

    /** The records sent to one queue, in order. */
    record QueueSends(String topic, int queueIndex, List<byte[]> records) {
    }

    /** One acknowledged message of a group. */
    record StoredAck(long groupId, String topic, int queueIndex, long offset) {
    }
}
