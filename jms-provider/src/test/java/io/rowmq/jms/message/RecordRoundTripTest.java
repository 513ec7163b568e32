package io.rowmq.jms.message;

import io.rowmq.jms.RowMQDestination;
import io.rowmq.jms.RowMQQueue;
import io.rowmq.jms.RowMQTemporaryQueue;
import io.rowmq.jms.RowMQTemporaryTopic;
import io.rowmq.jms.RowMQTopic;
import io.rowmq.protocol.BodyType;
import io.rowmq.protocol.MessageRecord;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Collections;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordRoundTripTest {

    /** A message of the body type with a body, every header and every property type. */
    static RowMQMessage full(BodyType type) throws JMSException {
        RowMQMessage m = switch (type) {
            case NONE -> new RowMQMessage();
            case TEXT -> new RowMQTextMessage("héllo ✓");
            case BYTES -> {
                RowMQBytesMessage b = new RowMQBytesMessage();
                b.writeInt(7);
                b.writeUTF("seven");
                yield b;
            }
            case MAP -> {
                RowMQMapMessage map = new RowMQMapMessage();
                map.setInt("i", 1);
                map.setBytes("b", new byte[] {2});
                yield map;
            }
            case STREAM -> {
                RowMQStreamMessage s = new RowMQStreamMessage();
                s.writeChar('c');
                s.writeObject(null);
                yield s;
            }
            case OBJECT -> new RowMQObjectMessage(new java.util.ArrayList<>(java.util.List.of("a", 1)));
        };
        m.setJMSMessageID("ID:rowmq-1");
        m.setJMSTimestamp(1_700_000_000_000L);
        m.setJMSCorrelationID("corr-ü");
        m.setJMSReplyTo(new RowMQTemporaryQueue("replies-1", null));
        m.setJMSDestination(new RowMQTopic("orders"));
        m.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        m.setJMSType("order.created");
        m.setJMSExpiration(1_700_000_060_000L);
        m.setJMSDeliveryTime(1_700_000_005_000L);
        m.setJMSPriority(8);
        m.setBooleanProperty("bool", true);
        m.setByteProperty("byte", (byte) -1);
        m.setShortProperty("short", (short) -300);
        m.setIntProperty("int", 123_456);
        m.setLongProperty("long", Long.MIN_VALUE);
        m.setFloatProperty("float", 1.25f);
        m.setDoubleProperty("double", -2.5d);
        m.setStringProperty("string", "wert");
        m.setStringProperty("nullString", null);
        m.setStringProperty("JMSXGroupID", "g1");
        m.setIntProperty("JMSXGroupSeq", 3);
        return m;
    }

    @ParameterizedTest
    @EnumSource(BodyType.class)
    void headersPropertiesAndBodySurviveTheRecord(BodyType type) throws JMSException {
        RowMQMessage sent = full(type);
        byte[] wire = sent.toRecord().encode();
        RowMQMessage r = RowMQMessage.fromRecord(wire, 1);
        assertThat(r.getClass()).isEqualTo(sent.getClass());
        assertThat(r.bodyType()).isEqualTo(type);
        assertThat(r.getJMSMessageID()).isEqualTo("ID:rowmq-1");
        assertThat(r.getJMSTimestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(r.getJMSCorrelationID()).isEqualTo("corr-ü");
        assertThat(r.getJMSReplyTo()).isEqualTo(new RowMQTemporaryQueue("replies-1", null));
        assertThat(r.getJMSDestination()).isEqualTo(new RowMQTopic("orders"));
        assertThat(r.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(r.getJMSType()).isEqualTo("order.created");
        assertThat(r.getJMSExpiration()).isEqualTo(1_700_000_060_000L);
        assertThat(r.getJMSDeliveryTime()).isEqualTo(1_700_000_005_000L);
        assertThat(r.getJMSPriority()).isEqualTo(8);
        assertThat(r.getJMSRedelivered()).isFalse();
        assertThat(r.getBooleanProperty("bool")).isTrue();
        assertThat(r.getObjectProperty("byte")).isEqualTo((byte) -1);
        assertThat(r.getObjectProperty("short")).isEqualTo((short) -300);
        assertThat(r.getObjectProperty("int")).isEqualTo(123_456);
        assertThat(r.getObjectProperty("long")).isEqualTo(Long.MIN_VALUE);
        assertThat(r.getObjectProperty("float")).isEqualTo(1.25f);
        assertThat(r.getObjectProperty("double")).isEqualTo(-2.5d);
        assertThat(r.getObjectProperty("string")).isEqualTo("wert");
        assertThat(r.propertyExists("nullString")).isTrue();
        assertThat(r.getStringProperty("nullString")).isNull();
        assertThat(r.getStringProperty("JMSXGroupID")).isEqualTo("g1");
        assertThat(r.getIntProperty("JMSXGroupSeq")).isEqualTo(3);
        assertThat(Collections.list(r.getPropertyNames())).containsExactly("bool", "byte", "short", "int", "long",
                "float", "double", "string", "nullString", "JMSXGroupID", "JMSXGroupSeq", "JMSXDeliveryCount");
        assertBody(r, type);
    }

    private static void assertBody(Message r, BodyType type) throws JMSException {
        switch (type) {
            case NONE -> assertThat(r.getBody(Object.class)).isNull();
            case TEXT -> assertThat(((TextMessage) r).getText()).isEqualTo("héllo ✓");
            case BYTES -> {
                BytesMessage b = (BytesMessage) r;
                assertThat(b.readInt()).isEqualTo(7);
                assertThat(b.readUTF()).isEqualTo("seven");
            }
            case MAP -> {
                assertThat(((MapMessage) r).getInt("i")).isEqualTo(1);
                assertThat(((MapMessage) r).getBytes("b")).containsExactly(2);
            }
            case STREAM -> {
                assertThat(((StreamMessage) r).readChar()).isEqualTo('c');
                assertThat(((StreamMessage) r).readObject()).isNull();
            }
            case OBJECT -> assertThat(((ObjectMessage) r).getObject()).isEqualTo(java.util.List.of("a", 1));
        }
    }

    @Test
    void headersMapToTheRecordFields() throws JMSException {
        MessageRecord record = full(BodyType.TEXT).toRecord();
        assertThat(record.persistent()).isFalse();
        assertThat(record.bodyType()).isEqualTo(BodyType.TEXT);
        assertThat(record.priority()).isEqualTo(8);
        assertThat(record.timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(record.expiration()).isEqualTo(1_700_000_060_000L);
        assertThat(record.deliverAt()).isEqualTo(1_700_000_005_000L);
        assertThat(record.messageId()).isEqualTo("ID:rowmq-1");
        assertThat(record.correlationId()).isEqualTo("corr-ü");
        assertThat(record.type()).isEqualTo("order.created");
        assertThat(record.replyTo()).isEqualTo("temp-queue://replies-1");
        assertThat(record.destination()).isEqualTo("topic://orders");
        assertThat(record.body()).isEqualTo("héllo ✓".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(record.properties()).containsEntry("int", 123_456).doesNotContainKey("JMSXDeliveryCount");
    }

    @Test
    void deliveryCountSetsRedeliveredAndJMSXDeliveryCount() throws JMSException {
        MessageRecord record = new RowMQTextMessage("x").toRecord();
        RowMQMessage first = RowMQMessage.fromRecord(record, 1);
        assertThat(first.getJMSRedelivered()).isFalse();
        assertThat(first.getObjectProperty("JMSXDeliveryCount")).isEqualTo(1);
        RowMQMessage third = RowMQMessage.fromRecord(record, 3);
        assertThat(third.getJMSRedelivered()).isTrue();
        assertThat(third.getIntProperty("JMSXDeliveryCount")).isEqualTo(3);
        assertThat(third.getStringProperty("JMSXDeliveryCount")).isEqualTo("3");
        assertThat(Collections.list(third.getPropertyNames())).contains("JMSXDeliveryCount");
        MessageRecord resent = third.toRecord();
        assertThat(resent.properties()).doesNotContainKey("JMSXDeliveryCount");
        assertThat(RowMQMessage.fromRecord(resent, 2).getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
    }

    @Test
    void deliveryTimeIsTheTimestampWhenNoDeliveryDelayWasSet() throws JMSException {
        RowMQMessage m = new RowMQMessage();
        m.setJMSTimestamp(1_000L);
        assertThat(RowMQMessage.fromRecord(m.toRecord(), 1).getJMSDeliveryTime()).isEqualTo(1_000L);
        m.setJMSDeliveryTime(5_000L);
        assertThat(RowMQMessage.fromRecord(m.toRecord(), 1).getJMSDeliveryTime()).isEqualTo(5_000L);
    }

    @Test
    void defaultsSurviveTheRecord() throws JMSException {
        RowMQMessage r = RowMQMessage.fromRecord(new RowMQMessage().toRecord(), 1);
        assertThat(r.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(r.getJMSPriority()).isEqualTo(4);
        assertThat(r.getJMSMessageID()).isNull();
        assertThat(r.getJMSDestination()).isNull();
        assertThat(r.getJMSReplyTo()).isNull();
        assertThat(r.getJMSCorrelationID()).isNull();
        assertThat(r.getJMSType()).isNull();
        assertThat(r.getJMSExpiration()).isZero();
    }

    @Test
    void everyDestinationKindSurvivesTheRecord() throws JMSException {
        for (RowMQDestination d : new RowMQDestination[] {new RowMQQueue("q"), new RowMQTopic("t"),
                new RowMQTemporaryQueue("tq", null), new RowMQTemporaryTopic("tt", null)}) {
            RowMQMessage m = new RowMQMessage();
            m.setJMSDestination(d);
            m.setJMSReplyTo(d);
            RowMQMessage r = RowMQMessage.fromRecord(m.toRecord(), 1);
            assertThat(r.getJMSDestination()).isEqualTo(d).isInstanceOf(d.getClass());
            assertThat(r.getJMSReplyTo()).isEqualTo(d);
        }
    }

    @Test
    void aForeignQueueBecomesARowMQQueueOnTheWire() throws JMSException {
        RowMQMessage m = new RowMQMessage();
        m.setJMSReplyTo((Queue) () -> "foreign-replies");
        assertThat(m.toRecord().replyTo()).isEqualTo("queue://foreign-replies");
    }

    @Test
    void toRecordDoesNotChangeTheMessage() throws JMSException {
        RowMQTextMessage m = new RowMQTextMessage("a");
        m.setIntProperty("i", 1);
        m.toRecord();
        m.setText("b");
        m.setIntProperty("i", 2);
        MessageRecord record = m.toRecord();
        assertThat(record.properties()).isEqualTo(Map.of("i", 2));
        assertThat(RowMQMessage.fromRecord(record, 1)).isInstanceOfSatisfying(TextMessage.class,
                t -> assertThat(getText(t)).isEqualTo("b"));
    }

    private static String getText(TextMessage t) {
        try {
            return t.getText();
        } catch (JMSException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPriorityOutsideZeroToNineCannotBeEncoded() {
        RowMQMessage m = new RowMQMessage();
        m.setJMSPriority(10);
        assertThatThrownBy(m::toRecord).isInstanceOf(JMSException.class).hasMessageContaining("JMSPriority 10");
    }

    @Test
    void corruptRecordsAndBodiesAreJMSExceptions() {
        assertThatThrownBy(() -> RowMQMessage.fromRecord(new byte[] {1, 2, 3}, 1)).isInstanceOf(JMSException.class)
                .hasMessageContaining("Cannot read a delivered message").hasCauseInstanceOf(
                        io.netty.handler.codec.CorruptedFrameException.class);
        MessageRecord badMap = MessageRecord.builder().bodyType(BodyType.MAP).messageId("ID:m").body(new byte[] {0, 0})
                .build();
        assertThatThrownBy(() -> RowMQMessage.fromRecord(badMap, 1)).isInstanceOf(JMSException.class)
                .hasMessageContaining("ID:m").hasMessageContaining("MAP body");
        MessageRecord badDestination = MessageRecord.builder().destination("nowhere").build();
        assertThatThrownBy(() -> RowMQMessage.fromRecord(badDestination, 1)).isInstanceOf(JMSException.class)
                .hasMessageContaining("destination");
    }

    @Test
    void recordsWrittenByOtherClientsAreRead() throws JMSException {
        // the CLI and SQL publishers write bytes bodies and may use char and byte[] properties
        MessageRecord record = MessageRecord.builder().bodyType(BodyType.BYTES).body(new byte[] {1, 2})
                .destination("queue://orders").property("c", 'x').property("raw", new byte[] {9}).build();
        RowMQMessage r = RowMQMessage.fromRecord(record, 1);
        assertThat(r).isInstanceOf(BytesMessage.class);
        assertThat(((BytesMessage) r).getBodyLength()).isEqualTo(2);
        assertThat(r.getStringProperty("c")).isEqualTo("x");
        assertThat((byte[]) r.getObjectProperty("raw")).containsExactly(9);
    }
}
