package io.rowmq.protocol;

import io.netty.handler.codec.CorruptedFrameException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageRecordTest {

    private static MessageRecord full() {
        return MessageRecord.builder()
                .persistent(false).bodyType(BodyType.TEXT).priority(7)
                .timestamp(1_700_000_000_123L).expiration(1_700_000_060_000L).deliverAt(1_700_000_001_000L)
                .messageId("ID:abc-1").correlationId("corr-ü").type("order.created")
                .replyTo("queue://replies").destination("topic://orders")
                .property("bool", true).property("byte", (byte) -3).property("short", (short) -300)
                .property("int", 123_456).property("long", Long.MIN_VALUE).property("float", 1.5f)
                .property("double", -2.25d).property("string", "héllo").property("bytes", new byte[] {1, 2, 3})
                .property("char", 'Ω').property("nullValue", null).property("emptyString", "")
                .body("payload".getBytes(StandardCharsets.UTF_8))
                .build();
    }

    @Test
    void roundTripsEveryPropertyTypeInOrder() {
        MessageRecord record = full();
        MessageRecord decoded = MessageRecord.decode(record.encode());
        assertThat(decoded).isEqualTo(record);
        assertThat(decoded.hashCode()).isEqualTo(record.hashCode());
        assertThat(decoded.properties().keySet()).containsExactly("bool", "byte", "short", "int", "long", "float",
                "double", "string", "bytes", "char", "nullValue", "emptyString");
        assertThat(decoded.properties().get("char")).isEqualTo('Ω');
        assertThat(decoded.properties().get("short")).isEqualTo((short) -300);
        assertThat((byte[]) decoded.properties().get("bytes")).containsExactly(1, 2, 3);
        assertThat(decoded.properties()).containsEntry("nullValue", null);
        assertThat(decoded.body()).isEqualTo("payload".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void roundTripsNullsAndDefaults() {
        MessageRecord empty = MessageRecord.builder().build();
        MessageRecord decoded = MessageRecord.decode(empty.encode());
        assertThat(decoded).isEqualTo(empty);
        assertThat(decoded.messageId()).isNull();
        assertThat(decoded.replyTo()).isNull();
        assertThat(decoded.destination()).isNull();
        assertThat(decoded.body()).isNull();
        assertThat(decoded.properties()).isEmpty();
        assertThat(decoded.persistent()).isTrue();
        assertThat(decoded.priority()).isEqualTo(4);
        MessageRecord emptyBody = MessageRecord.builder().body(new byte[0]).build();
        assertThat(MessageRecord.decode(emptyBody.encode()).body()).isEmpty();
    }

    @Test
    void readsTheHeaderWithoutTheRest() {
        RecordHeader header = MessageRecord.readHeader(full().encode());
        assertThat(header).isEqualTo(new RecordHeader(false, 7, 1_700_000_000_123L, 1_700_000_060_000L,
                1_700_000_001_000L, "ID:abc-1", "corr-ü", "order.created"));
        assertThat(MessageRecord.readHeader(MessageRecord.builder().build().encode()))
                .isEqualTo(new RecordHeader(true, 4, 0, 0, 0, null, null, null));
    }

    @Test
    void rejectsMalformedRecordsWithCorruptedFrameException() {
        byte[] good = full().encode();
        assertThatThrownBy(() -> MessageRecord.decode(Arrays.copyOf(good, good.length - 1)))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("body");
        assertThatThrownBy(() -> MessageRecord.decode(Arrays.copyOf(good, good.length + 2)))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("2 trailing bytes");
        byte[] badVersion = good.clone();
        badVersion[0] = 9;
        assertThatThrownBy(() -> MessageRecord.readHeader(badVersion))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("version 9");
        byte[] badPriority = good.clone();
        badPriority[3] = 10;
        assertThatThrownBy(() -> MessageRecord.readHeader(badPriority))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("priority 10");
        assertThatThrownBy(() -> MessageRecord.readHeader(new byte[] {1, 0, 0, 4, 0}))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("timestamp");
        assertThatThrownBy(() -> MessageRecord.readHeader(null)).isInstanceOf(CorruptedFrameException.class);
    }

    @Test
    void randomAndTruncatedRecordsOnlyEverThrowCorruptedFrameException() {
        Random random = new Random(42);
        byte[] good = full().encode();
        for (int i = 0; i < 3000; i++) {
            byte[] input;
            if (i % 2 == 0) {
                input = Arrays.copyOf(good, random.nextInt(good.length));
            } else {
                input = good.clone();
                for (int flips = 0; flips < 3; flips++) {
                    input[random.nextInt(input.length)] = (byte) random.nextInt();
                }
            }
            byte[] candidate = input;
            try {
                MessageRecord.decode(candidate);
            } catch (CorruptedFrameException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void builderRejectsImpossibleValues() {
        assertThatThrownBy(() -> MessageRecord.builder().priority(10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10");
        assertThatThrownBy(() -> MessageRecord.builder().property("list", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'list'");
    }

    @Test
    void selectorViewHasHeaderAndPropertiesWithoutTheBody() {
        MessageRecord record = full();
        RecordView view = MessageRecord.readSelectorView(record.encode());
        assertThat(view.header()).isEqualTo(MessageRecord.readHeader(record.encode()));
        assertThat(view.properties().keySet()).containsExactlyElementsOf(record.properties().keySet());
        assertThat(view.properties().get("long")).isEqualTo(Long.MIN_VALUE);
        assertThat(view.properties().get("string")).isEqualTo("héllo");
    }

    @Test
    void selectorViewRejectsATruncatedPropertySection() {
        byte[] encoded = full().encode();
        byte[] truncated = Arrays.copyOf(encoded, 80);
        assertThatThrownBy(() -> MessageRecord.readSelectorView(truncated)).isInstanceOf(CorruptedFrameException.class);
    }
}
