package io.rowmq.broker.dispatch;

import io.rowmq.protocol.MessageRef;

/**
 * A delivery a transaction acknowledges, as recorded with the transaction: the group, the
 * queue (id and index), the offset and the deliveries made so far (a roll-back counts one more).
 */
public record HeldAck(long groupId, long queueId, int queueIndex, long offset, int deliveryCount) {

    public MessageRef ref() {
        return new MessageRef(queueIndex, offset);
    }
}
