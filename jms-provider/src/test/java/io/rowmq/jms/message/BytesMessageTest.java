package io.rowmq.jms.message;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BytesMessageTest {

    private static RowMQBytesMessage everyType() throws JMSException {
        RowMQBytesMessage m = new RowMQBytesMessage();
        m.writeBoolean(true);
        m.writeByte((byte) -2);
        m.writeByte((byte) 200);
        m.writeShort((short) -3);
        m.writeShort((short) 60_000);
        m.writeChar('€');
        m.writeInt(Integer.MIN_VALUE);
        m.writeLong(Long.MIN_VALUE + 1);
        m.writeFloat(-0.25f);
        m.writeDouble(1e300);
        m.writeUTF("grüße \u0000 ✓");
        m.writeBytes(new byte[] {1, 2});
        m.writeBytes(new byte[] {0, 3, 4, 0}, 1, 2);
        return m;
    }

    private static void readEveryType(BytesMessage m) throws JMSException {
        assertThat(m.readBoolean()).isTrue();
        assertThat(m.readByte()).isEqualTo((byte) -2);
        assertThat(m.readUnsignedByte()).isEqualTo(200);
        assertThat(m.readShort()).isEqualTo((short) -3);
        assertThat(m.readUnsignedShort()).isEqualTo(60_000);
        assertThat(m.readChar()).isEqualTo('€');
        assertThat(m.readInt()).isEqualTo(Integer.MIN_VALUE);
        assertThat(m.readLong()).isEqualTo(Long.MIN_VALUE + 1);
        assertThat(m.readFloat()).isEqualTo(-0.25f);
        assertThat(m.readDouble()).isEqualTo(1e300);
        assertThat(m.readUTF()).isEqualTo("grüße \u0000 ✓");
        byte[] rest = new byte[8];
        assertThat(m.readBytes(rest)).isEqualTo(4);
        assertThat(rest).startsWith(1, 2, 3, 4);
        assertThat(m.readBytes(rest)).isEqualTo(-1);
    }

    @Test
    void everyTypeRoundTripsAfterResetAndThroughTheRecord() throws JMSException {
        RowMQBytesMessage m = everyType();
        m.reset();
        readEveryType(m);
        BytesMessage r = (BytesMessage) RowMQMessage.fromRecord(m.toRecord(), 1);
        readEveryType(r);
    }

    @Test
    void bodyIsTheDataOutputStreamEncoding() throws JMSException, IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(expected);
        out.writeInt(258);
        out.writeUTF("hé");
        out.writeDouble(1.5);
        RowMQBytesMessage m = new RowMQBytesMessage();
        m.writeInt(258);
        m.writeUTF("hé");
        m.writeDouble(1.5);
        assertThat(m.toRecord().body()).isEqualTo(expected.toByteArray());
    }

    @Test
    void writeObjectWritesEachAllowedTypeAndRejectsTheRest() throws JMSException {
        RowMQBytesMessage m = new RowMQBytesMessage();
        for (Object value : List.of(true, (byte) 1, (short) 2, 'c', 3, 4L, 5f, 6d, "s", new byte[] {7})) {
            m.writeObject(value);
        }
        m.reset();
        assertThat(m.readBoolean()).isTrue();
        assertThat(m.readByte()).isEqualTo((byte) 1);
        assertThat(m.readShort()).isEqualTo((short) 2);
        assertThat(m.readChar()).isEqualTo('c');
        assertThat(m.readInt()).isEqualTo(3);
        assertThat(m.readLong()).isEqualTo(4L);
        assertThat(m.readFloat()).isEqualTo(5f);
        assertThat(m.readDouble()).isEqualTo(6d);
        assertThat(m.readUTF()).isEqualTo("s");
        assertThat(m.readByte()).isEqualTo((byte) 7);
        RowMQBytesMessage other = new RowMQBytesMessage();
        assertThatThrownBy(() -> other.writeObject(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> other.writeObject(new Object())).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> other.writeObject(List.of())).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void writeOnlyUntilResetThenReadOnlyUntilClearBody() throws JMSException {
        RowMQBytesMessage m = new RowMQBytesMessage();
        m.writeInt(1);
        assertThatThrownBy(m::readInt).isInstanceOf(MessageNotReadableException.class).hasMessageContaining("reset()");
        assertThatThrownBy(m::getBodyLength).isInstanceOf(MessageNotReadableException.class);
        assertThatThrownBy(() -> m.readBytes(new byte[1])).isInstanceOf(MessageNotReadableException.class);
        m.reset();
        assertThat(m.getBodyLength()).isEqualTo(4);
        assertThatThrownBy(() -> m.writeInt(2)).isInstanceOf(MessageNotWriteableException.class)
                .hasMessageContaining("clearBody()");
        assertThatThrownBy(() -> m.writeObject(2)).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> m.writeBytes(new byte[1])).isInstanceOf(MessageNotWriteableException.class);
        assertThat(m.readInt()).isEqualTo(1);
        m.reset();
        assertThat(m.readInt()).as("reset rewinds").isEqualTo(1);
        m.clearBody();
        assertThatThrownBy(m::readInt).isInstanceOf(MessageNotReadableException.class);
        m.writeShort((short) 5);
        m.reset();
        assertThat(m.getBodyLength()).isEqualTo(2);
        assertThat(m.readShort()).isEqualTo((short) 5);
    }

    @Test
    void receivedMessageIsInReadMode() throws JMSException {
        RowMQBytesMessage m = new RowMQBytesMessage();
        m.writeLong(9L);
        BytesMessage r = (BytesMessage) RowMQMessage.fromRecord(m.toRecord(), 1);
        assertThat(r.getBodyLength()).isEqualTo(8);
        assertThatThrownBy(() -> r.writeLong(1L)).isInstanceOf(MessageNotWriteableException.class);
        assertThat(r.readLong()).isEqualTo(9L);
        r.clearBody();
        r.writeByte((byte) 1);
        r.reset();
        assertThat(r.readByte()).isEqualTo((byte) 1);
    }

    @Test
    void readsPastTheEndThrowMessageEOFExceptionWithoutMoving() throws JMSException {
        RowMQBytesMessage m = new RowMQBytesMessage();
        m.writeShort((short) 7);
        m.reset();
        assertThatThrownBy(m::readInt).isInstanceOf(MessageEOFException.class).hasMessageContaining("position 0");
        assertThatThrownBy(m::readLong).isInstanceOf(MessageEOFException.class);
        assertThatThrownBy(m::readDouble).isInstanceOf(MessageEOFException.class);
        assertThatThrownBy(m::readFloat).isInstanceOf(MessageEOFException.class);
        assertThatThrownBy(m::readUTF).isInstanceOf(MessageEOFException.class);
        assertThat(m.readShort()).isEqualTo((short) 7);
        for (ThrowingRead read : List.<ThrowingRead>of(m::readBoolean, m::readByte, m::readUnsignedByte,
                m::readShort, m::readUnsignedShort, m::readChar, m::readInt, m::readLong, m::readFloat,
                m::readDouble, m::readUTF)) {
            assertThatThrownBy(read::read).isInstanceOf(MessageEOFException.class);
        }
        assertThat(m.readBytes(new byte[3])).isEqualTo(-1);
    }

    @Test
    void readBytesWithLengthReadsAtMostLength() throws JMSException {
        RowMQBytesMessage m = new RowMQBytesMessage();
        m.writeBytes(new byte[] {1, 2, 3, 4, 5});
        m.reset();
        byte[] buffer = new byte[4];
        assertThat(m.readBytes(buffer, 2)).isEqualTo(2);
        assertThat(buffer).startsWith(1, 2);
        assertThat(m.readBytes(buffer, 0)).isEqualTo(0);
        assertThat(m.readBytes(buffer, 4)).isEqualTo(3);
        assertThat(buffer).startsWith(3, 4, 5);
        assertThat(m.readBytes(buffer, 4)).isEqualTo(-1);
        assertThatThrownBy(() -> m.readBytes(buffer, 5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> m.readBytes(buffer, -1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void emptyBodyHasLengthZeroAndReadsMinusOne() throws JMSException {
        RowMQBytesMessage m = new RowMQBytesMessage();
        BytesMessage r = (BytesMessage) RowMQMessage.fromRecord(m.toRecord(), 1);
        assertThat(r.getBodyLength()).isZero();
        assertThat(r.readBytes(new byte[1])).isEqualTo(-1);
        assertThatThrownBy(r::readByte).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void writeUTFRejectsStringsLongerThan65535EncodedBytes() {
        RowMQBytesMessage m = new RowMQBytesMessage();
        assertThatThrownBy(() -> m.writeUTF("x".repeat(65_536))).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("65,535");
    }

    @Test
    void toRecordDoesNotChangeTheMessage() throws JMSException {
        RowMQBytesMessage m = new RowMQBytesMessage();
        m.writeInt(1);
        m.toRecord();
        m.writeInt(2);
        m.reset();
        assertThat(m.getBodyLength()).isEqualTo(8);
        m.readInt();
        assertThat(m.toRecord().body()).hasSize(8);
        assertThat(m.readInt()).isEqualTo(2);
    }

    @FunctionalInterface
    interface ThrowingRead {
        Object read() throws JMSException;
    }
}
