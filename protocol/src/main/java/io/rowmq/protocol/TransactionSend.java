package io.rowmq.protocol;

import java.util.List;

/**
 * Records a transaction sends to one topic: to queue {@code queueIndex}, or with -1 to a queue
 * the broker picks (every send of one transaction to that topic then goes to the same queue,
 * so they keep their order).
 */
public record TransactionSend(String topic, int queueIndex, List<byte[]> records) {

    public TransactionSend {
        if (topic == null) {
            throw new IllegalArgumentException("A transactional send needs a topic");
        }
        if (queueIndex < -1) {
            throw new IllegalArgumentException("Topic '" + topic + "': queue index must be -1 or more, was "
                    + queueIndex);
        }
        records = List.copyOf(records);
    }
}
