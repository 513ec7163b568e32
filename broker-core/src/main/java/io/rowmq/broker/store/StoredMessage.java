package io.rowmq.broker.store;

/**
 * A committed message as read back: its offset, the offset of the message stored before it in
 * the same queue (so a cache can prove it holds a contiguous run), its timing columns and the
 * record as the producer encoded it.
 */
public record StoredMessage(long offset, long previousOffset, long expiresAt, long deliverAt, byte[] payload) {

    public boolean expiredAt(long now) {
        return expiresAt > 0 && expiresAt <= now;
    }

    public boolean dueAt(long now) {
        return deliverAt <= now;
    }
}
