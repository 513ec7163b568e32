package io.rowmq.broker;

import io.rowmq.protocol.BodyType;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.MessageRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test messages identified by their message id, so a test can tell which ones came back. */
final class IdRecords {

    private IdRecords() {
    }

    /** Persistent records with the ids {@code prefix-first} .. {@code prefix-(first+count-1)}. */
    static List<byte[]> records(String prefix, long first, int count) {
        List<byte[]> records = new ArrayList<>(count);
        for (long i = first; i < first + count; i++) {
            records.add(record(prefix + "-" + i));
        }
        return records;
    }

    static List<String> ids(String prefix, long first, int count) {
        List<String> ids = new ArrayList<>(count);
        for (long i = first; i < first + count; i++) {
            ids.add(prefix + "-" + i);
        }
        return ids;
    }

    static byte[] record(String messageId) {
        return MessageRecord.builder()
                .persistent(true)
                .bodyType(BodyType.TEXT)
                .timestamp(System.currentTimeMillis())
                .messageId(messageId)
                .body(("body of " + messageId).getBytes(StandardCharsets.UTF_8))
                .build()
                .encode();
    }

    static String idOf(Delivery delivery) {
        return MessageRecord.decode(delivery.record()).messageId();
    }
}
