package io.rowmq.broker.store;

import io.rowmq.protocol.RecordHeader;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class InsertTextTest {

    @Test
    void everyValueIsADigitStringOrAHexLiteral() {
        RecordHeader header = new RecordHeader(true, 7, 1_700_000_000_000L, 0, 5, "ID:a'b", null, "t\\");
        QueueTable.Row row = new QueueTable.Row(header, 42, 3, new byte[]{0, (byte) 0xff, '\''});

        assertThat(InsertText.insert("q_1_0", List.of(row, row))).isEqualTo("INSERT INTO q_1_0 (message_id,"
                + " correlation_id, message_type, producer_id, producer_seq, sent_at, expires_at, deliver_at,"
                + " priority, payload) VALUES "
                + "(_utf8mb4 x'49443a612762',NULL,_utf8mb4 x'745c',42,3,1700000000000,0,5,7,x'00ff27'),"
                + "(_utf8mb4 x'49443a612762',NULL,_utf8mb4 x'745c',42,3,1700000000000,0,5,7,x'00ff27')");
    }

    @Test
    void theCheckpointIsOneUpsertInTheSameTransactionAsTheRows() {
        RecordHeader header = new RecordHeader(true, 4, 1, 0, 0, null, null, null);
        QueueTable.Row row = new QueueTable.Row(header, 9, 10, new byte[]{1});
        Map<Long, Long> sequences = new LinkedHashMap<>();
        sequences.put(9L, 10L);
        sequences.put(-3L, 1L);

        assertThat(InsertText.transaction("q_2_1", List.of(row), 17, sequences))
                .startsWith("START TRANSACTION;INSERT INTO q_2_1 (")
                .endsWith("VALUES (NULL,NULL,NULL,9,10,1,0,0,4,x'01');SELECT LAST_INSERT_ID();"
                        + "INSERT INTO producer (producer_id, queue_id, last_sequence) VALUES (9,17,10),(-3,17,1)"
                        + " ON DUPLICATE KEY UPDATE last_sequence = VALUES(last_sequence);COMMIT");
    }

    @Test
    void theEstimatedLengthOfARowIsNeverShortOfItsText() {
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            RecordHeader header = new RecordHeader(true, random.nextInt(10), random.nextLong(), random.nextLong(),
                    Long.MIN_VALUE, text(random), random.nextBoolean() ? null : text(random), text(random));
            QueueTable.Row row = new QueueTable.Row(header, random.nextLong(), Long.MIN_VALUE,
                    new byte[random.nextInt(64)]);
            assertThat((long) InsertText.insert("q_123456_1023", List.of(row)).length())
                    .isLessThanOrEqualTo(InsertText.insertOverhead("q_123456_1023") + InsertText.rowLength(row));
        }
    }

    /** Up to 300 UTF-16 units from every range: ASCII, 2- and 3-byte characters and surrogate pairs. */
    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(300);
        while (text.length() < length) {
            switch (random.nextInt(4)) {
                case 0 -> text.append((char) ('a' + random.nextInt(26)));
                case 1 -> text.append((char) (0x80 + random.nextInt(0x780)));
                case 2 -> text.append((char) (0x800 + random.nextInt(0xd000)));
                default -> text.appendCodePoint(0x10000 + random.nextInt(0xfffff));
            }
        }
        return text.toString();
    }
}
