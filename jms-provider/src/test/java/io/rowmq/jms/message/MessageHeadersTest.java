package io.rowmq.jms.message;

import io.rowmq.jms.RowMQQueue;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageHeadersTest {

    @Test
    void newMessagesHaveTheSpecDefaults() {
        for (Message m : List.of(new RowMQMessage(), new RowMQTextMessage(), new RowMQBytesMessage(),
                new RowMQMapMessage(), new RowMQStreamMessage(), new RowMQObjectMessage())) {
            assertThat(assertDefaults(m)).isTrue();
        }
    }

    private static boolean assertDefaults(Message m) {
        try {
            assertThat(m.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
            assertThat(m.getJMSPriority()).isEqualTo(Message.DEFAULT_PRIORITY);
            assertThat(m.getJMSMessageID()).isNull();
            assertThat(m.getJMSCorrelationID()).isNull();
            assertThat(m.getJMSCorrelationIDAsBytes()).isNull();
            assertThat(m.getJMSDestination()).isNull();
            assertThat(m.getJMSReplyTo()).isNull();
            assertThat(m.getJMSType()).isNull();
            assertThat(m.getJMSTimestamp()).isZero();
            assertThat(m.getJMSExpiration()).isZero();
            assertThat(m.getJMSDeliveryTime()).isZero();
            assertThat(m.getJMSRedelivered()).isFalse();
            assertThat(m.getPropertyNames().hasMoreElements()).isFalse();
            return true;
        } catch (JMSException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void settersAndGettersRoundTrip() throws JMSException {
        RowMQMessage m = new RowMQMessage();
        m.setJMSMessageID("ID:1");
        m.setJMSTimestamp(11L);
        m.setJMSCorrelationID("c");
        m.setJMSReplyTo(new RowMQQueue("r"));
        m.setJMSDestination(new RowMQQueue("d"));
        m.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        m.setJMSRedelivered(true);
        m.setJMSType("t");
        m.setJMSExpiration(12L);
        m.setJMSDeliveryTime(13L);
        m.setJMSPriority(0);
        assertThat(m.getJMSMessageID()).isEqualTo("ID:1");
        assertThat(m.getJMSTimestamp()).isEqualTo(11L);
        assertThat(m.getJMSCorrelationID()).isEqualTo("c");
        assertThat(m.getJMSReplyTo()).isEqualTo(new RowMQQueue("r"));
        assertThat(m.getJMSDestination()).isEqualTo(new RowMQQueue("d"));
        assertThat(m.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(m.getJMSRedelivered()).isTrue();
        assertThat(m.getJMSType()).isEqualTo("t");
        assertThat(m.getJMSExpiration()).isEqualTo(12L);
        assertThat(m.getJMSDeliveryTime()).isEqualTo(13L);
        assertThat(m.getJMSPriority()).isZero();
    }

    @Test
    void headersStayWritableOnAReceivedMessage() throws JMSException {
        RowMQMessage r = RowMQMessage.fromRecord(new RowMQMessage().toRecord(), 1);
        r.setJMSType("changed");
        r.setJMSCorrelationID("c2");
        assertThat(r.getJMSType()).isEqualTo("changed");
        assertThat(r.getJMSCorrelationID()).isEqualTo("c2");
    }

    @Test
    void correlationIdAsBytesRoundTripsEveryByteValue() throws JMSException {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        RowMQMessage m = new RowMQMessage();
        m.setJMSCorrelationIDAsBytes(all);
        assertThat(m.getJMSCorrelationIDAsBytes()).isEqualTo(all);
        assertThat(RowMQMessage.fromRecord(m.toRecord(), 1).getJMSCorrelationIDAsBytes()).isEqualTo(all);
        m.setJMSCorrelationIDAsBytes("TestCorrelationID".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(m.getJMSCorrelationID()).isEqualTo("TestCorrelationID");
        m.setJMSCorrelationID("abc");
        assertThat(m.getJMSCorrelationIDAsBytes()).containsExactly('a', 'b', 'c');
        m.setJMSCorrelationIDAsBytes(null);
        assertThat(m.getJMSCorrelationID()).isNull();
    }

    @Test
    void acknowledgeCallsTheAcknowledgerWhenSet() throws JMSException {
        RowMQMessage m = new RowMQMessage();
        m.acknowledge();
        AtomicInteger calls = new AtomicInteger();
        m.setAcknowledger(calls::incrementAndGet);
        m.acknowledge();
        m.acknowledge();
        assertThat(calls).hasValue(2);
        m.setAcknowledger(() -> {
            throw new jakarta.jms.IllegalStateException("session closed");
        });
        assertThatThrownBy(m::acknowledge).isInstanceOf(jakarta.jms.IllegalStateException.class);
        m.setAcknowledger(null);
        m.acknowledge();
    }

    @Test
    void toStringIsShortAndNamesIdDestinationAndBody() throws JMSException {
        RowMQTextMessage m = new RowMQTextMessage("a secret body");
        m.setJMSMessageID("ID:9");
        m.setJMSDestination(new RowMQQueue("orders"));
        m.setIntProperty("p", 1);
        assertThat(m.toString()).isEqualTo("RowMQTextMessage[id=ID:9, destination=queue://orders, properties=1,"
                + " text=13 chars]").doesNotContain("secret");
        assertThat(new RowMQMessage().toString()).isEqualTo("RowMQMessage[id=null, no body]");
        assertThat(RowMQMessage.fromRecord(new RowMQMapMessage().toRecord(), 2).toString())
                .isEqualTo("RowMQMapMessage[id=null, redelivered, properties=1, entries=0]");
        RowMQBytesMessage bytes = new RowMQBytesMessage();
        bytes.writeInt(1);
        assertThat(bytes.toString()).endsWith("bytes=4]");
        RowMQStreamMessage stream = new RowMQStreamMessage();
        stream.writeInt(1);
        assertThat(stream.toString()).endsWith("values=1]");
        assertThat(new RowMQObjectMessage().toString()).endsWith("object=null]");
    }
}
