package io.rowmq.broker.testing;

import io.rowmq.protocol.BodyType;
import io.rowmq.protocol.MessageRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Message records for tests: a message id and a text body, optionally with expiry and delay. */
public final class TestRecords {
    private TestRecords() {
    }

    public static byte[] record(String messageId) {
        return record(messageId, 0, 0);
    }

    public static byte[] record(String messageId, long expiration, long deliverAt) {
        return MessageRecord.builder()
                .persistent(true)
                .bodyType(BodyType.TEXT)
                .messageId(messageId)
                .timestamp(System.currentTimeMillis())
                .expiration(expiration)
                .deliverAt(deliverAt)
                .body(("body of " + messageId).getBytes(StandardCharsets.UTF_8))
                .build()
                .encode();
    }

    /** A record with the given properties (name, value, name, value, ...) and priority. */
    public static byte[] recordWith(String messageId, int priority, Object... properties) {
        MessageRecord.Builder builder = MessageRecord.builder().persistent(true).bodyType(BodyType.TEXT)
                .messageId(messageId).priority(priority).timestamp(System.currentTimeMillis())
                .body(("body of " + messageId).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < properties.length; i += 2) {
            builder.property((String) properties[i], properties[i + 1]);
        }
        return builder.build().encode();
    }

    /** A record whose body is {@code bodySize} bytes. */
    public static byte[] sizedRecord(String messageId, int bodySize) {
        return bytesRecord(messageId, new byte[bodySize]);
    }

    /** A persistent bytes message with this body. */
    public static byte[] bytesRecord(String messageId, byte[] body) {
        return MessageRecord.builder().persistent(true).bodyType(BodyType.BYTES).messageId(messageId)
                .body(body).build().encode();
    }

    public static List<byte[]> records(String prefix, int count) {
        List<byte[]> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(record(prefix + i));
        }
        return records;
    }

    public static String messageId(byte[] record) {
        return MessageRecord.readHeader(record).messageId();
    }
}
