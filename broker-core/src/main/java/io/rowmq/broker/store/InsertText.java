package io.rowmq.broker.store;

import io.rowmq.protocol.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * SQL text with every value inline, for the statements of a group commit: numbers as decimal
 * digits, strings and payloads as hexadecimal literals. Hex leaves nothing to escape, whatever
 * the session's {@code sql_mode} or character set, so no value can change a statement. Built
 * here rather than by the driver's client-side prepared statement because Connector/J
 * hex-escapes a byte array one boxed byte at a time through a synchronized stream on every
 * utf8mb4 connection (42% of the broker's CPU samples under batched produce, D8); this does
 * the same with a table lookup per byte.
 */
final class InsertText {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** The column list of every INSERT into a queue table, with the {@code VALUES} keyword after it. */
    static final String COLUMNS = " (message_id, correlation_id, message_type, producer_id,"
            + " producer_seq, sent_at, expires_at, deliver_at, priority, payload) VALUES ";
    private static final String UTF8MB4_HEX = "_utf8mb4 x'";
    /** The text of one row without its strings and payload: brackets, commas, seven numbers, quotes. */
    private static final int ROW_FIXED = 2 + 9 + 7 * 20 + 3 + 3 * (UTF8MB4_HEX.length() + 1);

    private byte[] buffer;
    private int length;

    private InsertText(int capacity) {
        this.buffer = new byte[capacity];
    }

    /** The bytes {@link #insert} takes for the table name, column list and keywords. */
    static int insertOverhead(String table) {
        return "INSERT INTO ".length() + table.length() + COLUMNS.length();
    }

    /** At most the bytes this row adds to {@link #insert}: a UTF-16 unit is at most 3 UTF-8 bytes, 6 hex digits. */
    static long rowLength(QueueTable.Row row) {
        RecordHeader header = row.header();
        return ROW_FIXED + 2L * row.payload().length + 6L * (chars(header.messageId())
                + chars(header.correlationId()) + chars(header.type()));
    }

    /** {@code INSERT INTO table (...) VALUES (...),(...)} for the rows, in order. */
    static String insert(String table, List<QueueTable.Row> rows) {
        long capacity = insertOverhead(table);
        for (QueueTable.Row row : rows) {
            capacity += rowLength(row);
        }
        InsertText text = new InsertText((int) Math.min(capacity, Integer.MAX_VALUE - 16));
        text.insertInto(table, rows);
        return text.toString();
    }

    /**
     * The rows and the producer-sequence checkpoint in one transaction, one round trip:
     * {@code START TRANSACTION; INSERT ...; SELECT LAST_INSERT_ID(); INSERT INTO producer ...; COMMIT}.
     */
    static String transaction(String table, List<QueueTable.Row> rows, long queueId, Map<Long, Long> sequences) {
        long capacity = 64 + insertOverhead(table) + 160 + sequences.size() * 64L;
        for (QueueTable.Row row : rows) {
            capacity += rowLength(row);
        }
        InsertText text = new InsertText((int) Math.min(capacity, Integer.MAX_VALUE - 16));
        text.ascii("START TRANSACTION;");
        text.insertInto(table, rows);
        text.ascii(";SELECT LAST_INSERT_ID();");
        text.upsertSequences(queueId, sequences);
        text.ascii(";COMMIT");
        return text.toString();
    }

    /** The upsert of the producers' last sequences in this queue. */
    static String checkpoint(long queueId, Map<Long, Long> sequences) {
        InsertText text = new InsertText(160 + sequences.size() * 64);
        text.upsertSequences(queueId, sequences);
        return text.toString();
    }

    private void insertInto(String table, List<QueueTable.Row> rows) {
        ascii("INSERT INTO ").ascii(table).ascii(COLUMNS);
        boolean first = true;
        for (QueueTable.Row row : rows) {
            if (!first) {
                put((byte) ',');
            }
            first = false;
            row(row);
        }
    }

    private void row(QueueTable.Row row) {
        RecordHeader header = row.header();
        put((byte) '(');
        string(QueueTable.truncate(header.messageId())).put((byte) ',');
        string(QueueTable.truncate(header.correlationId())).put((byte) ',');
        string(QueueTable.truncate(header.type())).put((byte) ',');
        number(row.producerId()).put((byte) ',');
        number(row.sequence()).put((byte) ',');
        number(header.timestamp()).put((byte) ',');
        number(header.expiration()).put((byte) ',');
        number(header.deliverAt()).put((byte) ',');
        number(header.priority()).put((byte) ',');
        ascii("x'").hex(row.payload()).put((byte) ')');
    }

    private void upsertSequences(long queueId, Map<Long, Long> sequences) {
        ascii("INSERT INTO producer (producer_id, queue_id, last_sequence) VALUES ");
        boolean first = true;
        for (Map.Entry<Long, Long> sequence : sequences.entrySet()) {
            ascii(first ? "(" : ",(").number(sequence.getKey()).put((byte) ',').number(queueId).put((byte) ',')
                    .number(sequence.getValue()).put((byte) ')');
            first = false;
        }
        ascii(" ON DUPLICATE KEY UPDATE last_sequence = VALUES(last_sequence)");
    }

    private InsertText string(String value) {
        return value == null ? ascii("NULL") : ascii(UTF8MB4_HEX).hex(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes as hex digits and the closing quote. */
    private InsertText hex(byte[] value) {
        ensure(2 * value.length + 1);
        byte[] out = buffer;
        int at = length;
        for (byte b : value) {
            out[at] = HEX[(b >> 4) & 0xF];
            out[at + 1] = HEX[b & 0xF];
            at += 2;
        }
        out[at++] = '\'';
        length = at;
        return this;
    }

    private InsertText number(long value) {
        return ascii(Long.toString(value));
    }

    private InsertText ascii(String value) {
        ensure(value.length());
        for (int i = 0; i < value.length(); i++) {
            buffer[length++] = (byte) value.charAt(i);
        }
        return this;
    }

    private InsertText put(byte b) {
        ensure(1);
        buffer[length++] = b;
        return this;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    private static int chars(String value) {
        return value == null ? 0 : Math.min(value.length(), 255);
    }

    /** The text as a Latin-1 string: one byte per character, all of them ASCII. */
    @Override
    public String toString() {
        return new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
    }
}
