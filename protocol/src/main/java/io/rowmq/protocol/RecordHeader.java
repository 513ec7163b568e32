package io.rowmq.protocol;

/**
 * The fixed fields of a {@link MessageRecord}, read without decoding properties or body: what
 * the broker needs for the queue table's trace columns. See {@link MessageRecord#readHeader(byte[])}.
 */
public record RecordHeader(boolean persistent, int priority, long timestamp, long expiration, long deliverAt,
                           String messageId, String correlationId, String type) {
}
