package io.rowmq.bench.raw;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fills queue-table rows the way the broker does for a real message: JMS message id,
 * correlation id, type, producer id and sequence, timestamps, priority and a 1 KiB payload.
 * One instance per writer: it numbers the rows of its producer.
 */
public final class MessageRows {
    public static final int PAYLOAD_BYTES = 1024;
    static final String COLUMNS = "message_id, correlation_id, message_type, producer_id, producer_seq,"
            + " sent_at, expires_at, deliver_at, priority, payload";

    private final long producerId;
    private final byte[] payload;
    private long sequence;

    public MessageRows(long producerId) {
        this.producerId = producerId;
        this.payload = randomPayload(PAYLOAD_BYTES);
    }

    /** A payload of random (incompressible) bytes. */
    public static byte[] randomPayload(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    public static String insertSql(String table) {
        return "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    /** Sets the parameters of {@link #insertSql(String)} for the next message of this producer. */
    public void bindNext(PreparedStatement insert) throws SQLException {
        long seq = sequence++;
        insert.setString(1, "ID:bench-" + producerId + "-" + seq);
        insert.setString(2, "order-" + seq);
        insert.setString(3, "bench.order.created");
        insert.setLong(4, producerId);
        insert.setLong(5, seq);
        insert.setLong(6, System.currentTimeMillis());
        insert.setLong(7, 0);
        insert.setLong(8, 0);
        insert.setInt(9, 4);
        insert.setBytes(10, payload);
    }
}
