package io.rowmq.protocol.selector;

import io.netty.handler.codec.CorruptedFrameException;
import io.rowmq.protocol.BodyType;
import io.rowmq.protocol.MessageRecord;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Selectors evaluated against message records, decoded and encoded. */
class RecordSelectorTest {

    private static MessageRecord record() {
        return MessageRecord.builder().persistent(false).priority(8).timestamp(1234).messageId("ID:x-1")
                .correlationId("c-9").type("invoice").bodyType(BodyType.BYTES).body(new byte[1000])
                .property("region", "EU").property("amount", 250).property("rate", 1.25f).property("vip", true)
                .property("tag", 'T').property("blob", new byte[] {1})
                .build();
    }

    @Test
    void headerFieldsAndPropertiesOfARecord() {
        MessageRecord record = record();
        String selector = "JMSDeliveryMode = 'NON_PERSISTENT' AND JMSPriority = 8 AND JMSTimestamp = 1234"
                + " AND JMSMessageID = 'ID:x-1' AND JMSCorrelationID = 'c-9' AND JMSType = 'invoice'"
                + " AND region IN ('EU', 'US') AND amount * rate > 300 AND vip AND tag IS NOT NULL";
        assertThat(Selector.parse(selector).matches(record)).isTrue();
        assertThat(Selector.parse(selector).matchesEncoded(record.encode())).isTrue();
        assertThat(Selector.parse(selector).matches(MessageRecord.readSelectorView(record.encode()))).isTrue();
        assertThat(Selector.parse("tag = 'T' OR blob = 1").matches(record)).isFalse();
    }

    @Test
    void aHeaderOnlySelectorNeverDecodesTheProperties() {
        byte[] encoded = record().encode();
        // Corrupt the property section: a selector naming only header fields does not notice.
        byte[] corrupt = Arrays.copyOf(encoded, encoded.length);
        int propertyCount = indexOfPropertyCount(encoded);
        corrupt[propertyCount] = (byte) 0x7f;
        assertThat(Selector.parse("JMSPriority > 5").matchesEncoded(corrupt)).isTrue();
        assertThatThrownBy(() -> Selector.parse("region = 'EU'").matchesEncoded(corrupt))
                .isInstanceOf(CorruptedFrameException.class);
    }

    /** Fixed part (4 + 3 × 8 bytes), then five strings, then the property count. */
    private static int indexOfPropertyCount(byte[] encoded) {
        int index = 28;
        for (int i = 0; i < 5; i++) {
            int length = ((encoded[index] & 0xff) << 24) | ((encoded[index + 1] & 0xff) << 16)
                    | ((encoded[index + 2] & 0xff) << 8) | (encoded[index + 3] & 0xff);
            index += 4 + Math.max(length, 0);
        }
        return index;
    }
}
