package io.rowmq.protocol;

/**
 * A message handed to a consumer: where it is stored, how many times it has been delivered
 * (1 the first time) and the record exactly as the producer encoded it.
 */
public record Delivery(int queueIndex, long offset, int deliveryCount, byte[] record) {

    public MessageRef ref() {
        return new MessageRef(queueIndex, offset);
    }

    /** True when this delivery is not the first: the JMSRedelivered flag. */
    public boolean redelivered() {
        return deliveryCount > 1;
    }
}
