package io.rowmq.jms.message;

import io.rowmq.jms.message.ConversionTable.Kind;
import io.rowmq.jms.message.ConversionTable.Source;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.StreamMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamMessageTest {

    static Stream<Arguments> fieldPairs() {
        return ConversionTable.pairs(true);
    }

    /** byte[] fields are read whole with readBytes into a buffer of the same size. */
    static Object read(StreamMessage message, Kind kind) throws JMSException {
        return switch (kind) {
            case BOOLEAN -> message.readBoolean();
            case BYTE -> message.readByte();
            case SHORT -> message.readShort();
            case CHAR -> message.readChar();
            case INT -> message.readInt();
            case LONG -> message.readLong();
            case FLOAT -> message.readFloat();
            case DOUBLE -> message.readDouble();
            case STRING -> message.readString();
            case BYTES -> {
                byte[] buffer = new byte[2];
                int n = message.readBytes(buffer);
                yield n == buffer.length ? buffer : null;
            }
        };
    }

    @ParameterizedTest(name = "{0} field read as {1}")
    @MethodSource("fieldPairs")
    void followsTheConversionTableOf3113AndFailedReadsDoNotAdvance(Source source, Kind target) throws Exception {
        RowMQStreamMessage message = new RowMQStreamMessage();
        message.writeObject(source.value());
        message.writeString("next");
        message.reset();
        ConversionTable.check(source, target, kind -> read(message, kind));
        message.reset();
        StreamMessage received = (StreamMessage) RowMQMessage.fromRecord(message.toRecord(), 1);
        ConversionTable.check(source, target, kind -> read(received, kind));
        if (!source.readsAs().containsKey(target)) {
            assertThat(received.readObject()).as("the failed read left the field in place").isEqualTo(source.value());
            assertThat(received.readString()).isEqualTo("next");
        }
    }

    @Test
    void typedWritesRoundTripThroughTheRecord() throws JMSException {
        RowMQStreamMessage m = new RowMQStreamMessage();
        m.writeBoolean(false);
        m.writeByte((byte) 1);
        m.writeShort((short) 2);
        m.writeChar('3');
        m.writeInt(4);
        m.writeLong(5L);
        m.writeFloat(6.5f);
        m.writeDouble(7.5d);
        m.writeString("eight");
        m.writeBytes(new byte[] {9});
        m.writeBytes(new byte[] {0, 10, 11, 0}, 1, 2);
        m.writeObject(12);
        m.writeObject(null);
        m.writeString(null);
        StreamMessage r = (StreamMessage) RowMQMessage.fromRecord(m.toRecord(), 1);
        assertThat(r.readBoolean()).isFalse();
        assertThat(r.readByte()).isEqualTo((byte) 1);
        assertThat(r.readShort()).isEqualTo((short) 2);
        assertThat(r.readChar()).isEqualTo('3');
        assertThat(r.readInt()).isEqualTo(4);
        assertThat(r.readLong()).isEqualTo(5L);
        assertThat(r.readFloat()).isEqualTo(6.5f);
        assertThat(r.readDouble()).isEqualTo(7.5d);
        assertThat(r.readString()).isEqualTo("eight");
        assertThat((byte[]) r.readObject()).containsExactly(9);
        assertThat((byte[]) r.readObject()).containsExactly(10, 11);
        assertThat(r.readObject()).isEqualTo(12);
        assertThat(r.readObject()).isNull();
        assertThat(r.readString()).isNull();
        assertThatThrownBy(r::readObject).isInstanceOf(MessageEOFException.class);
        assertThatThrownBy(r::readInt).isInstanceOf(MessageEOFException.class);
        assertThatThrownBy(() -> r.readBytes(new byte[1])).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void nullFieldsReadAsValueOfNull() throws JMSException {
        RowMQStreamMessage m = new RowMQStreamMessage();
        m.writeString(null);
        m.writeInt(1);
        m.reset();
        assertThatThrownBy(m::readChar).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(m::readFloat).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(m::readDouble).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(m::readByte).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(m::readShort).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(m::readInt).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(m::readLong).isInstanceOf(NumberFormatException.class);
        assertThat(m.readString()).isNull();
        m.reset();
        assertThat(m.readBoolean()).isFalse();
        m.reset();
        assertThat(m.readBytes(new byte[4])).isEqualTo(-1);
        assertThat(m.readInt()).isEqualTo(1);
    }

    @Test
    void invalidStringDoesNotMoveTheReadPointer() throws JMSException {
        RowMQStreamMessage m = new RowMQStreamMessage();
        m.writeString("mytest string");
        m.reset();
        for (ThrowingRead read : List.<ThrowingRead>of(m::readByte, m::readShort, m::readInt, m::readLong,
                m::readFloat, m::readDouble)) {
            assertThatThrownBy(read::read).isInstanceOf(NumberFormatException.class);
        }
        assertThatThrownBy(m::readChar).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> m.readBytes(new byte[1])).isInstanceOf(MessageFormatException.class);
        assertThat(m.readString()).isEqualTo("mytest string");
    }

    @Test
    void readBytesReadsAFieldInChunks() throws JMSException {
        RowMQStreamMessage m = new RowMQStreamMessage();
        m.writeBytes(new byte[] {1, 2, 3, 4, 5});
        m.writeBytes(new byte[] {6, 7});
        m.writeBytes(new byte[0]);
        m.writeInt(8);
        m.reset();
        byte[] buffer = new byte[2];
        assertThat(m.readBytes(buffer)).isEqualTo(2);
        assertThat(buffer).containsExactly(1, 2);
        assertThatThrownBy(m::readInt).as("the byte[] field must be read to its end first")
                .isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(m::readObject).isInstanceOf(MessageFormatException.class);
        assertThat(m.readBytes(buffer)).isEqualTo(2);
        assertThat(buffer).containsExactly(3, 4);
        assertThat(m.readBytes(buffer)).isEqualTo(1);
        assertThat(buffer[0]).isEqualTo((byte) 5);
        // exactly the buffer size: a second call returns -1
        assertThat(m.readBytes(buffer)).isEqualTo(2);
        assertThat(buffer).containsExactly(6, 7);
        assertThat(m.readBytes(buffer)).isEqualTo(-1);
        // empty field: 0
        assertThat(m.readBytes(buffer)).isEqualTo(0);
        assertThat(m.readInt()).isEqualTo(8);
    }

    @Test
    void resetRewindsAndMidFieldResetStartsOver() throws JMSException {
        RowMQStreamMessage m = new RowMQStreamMessage();
        m.writeBytes(new byte[] {1, 2, 3});
        m.reset();
        assertThat(m.readBytes(new byte[1])).isEqualTo(1);
        m.reset();
        assertThat((byte[]) m.readObject()).containsExactly(1, 2, 3);
    }

    @Test
    void writeOnlyUntilResetThenReadOnlyUntilClearBody() throws JMSException {
        RowMQStreamMessage m = new RowMQStreamMessage();
        m.writeInt(1);
        assertThatThrownBy(m::readInt).isInstanceOf(MessageNotReadableException.class).hasMessageContaining("reset()");
        assertThatThrownBy(m::readObject).isInstanceOf(MessageNotReadableException.class);
        assertThatThrownBy(() -> m.readBytes(new byte[1])).isInstanceOf(MessageNotReadableException.class);
        m.reset();
        assertThatThrownBy(() -> m.writeInt(2)).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> m.writeObject("x")).isInstanceOf(MessageNotWriteableException.class);
        assertThat(m.readInt()).isEqualTo(1);
        m.clearBody();
        assertThatThrownBy(m::readInt).isInstanceOf(MessageNotReadableException.class);
        m.writeString("again");
        m.reset();
        assertThat(m.readString()).isEqualTo("again");
        assertThatThrownBy(m::readString).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void receivedMessageIsReadableAndNotWritable() throws JMSException {
        RowMQStreamMessage m = new RowMQStreamMessage();
        m.writeLong(3L);
        StreamMessage r = (StreamMessage) RowMQMessage.fromRecord(m.toRecord(), 2);
        assertThatThrownBy(() -> r.writeLong(4L)).isInstanceOf(MessageNotWriteableException.class);
        assertThat(r.readLong()).isEqualTo(3L);
        r.clearBody();
        r.writeLong(4L);
        r.reset();
        assertThat(r.readLong()).isEqualTo(4L);
    }

    @Test
    void writeObjectRejectsOtherTypesAndCopiesArrays() throws JMSException {
        RowMQStreamMessage m = new RowMQStreamMessage();
        assertThatThrownBy(() -> m.writeObject(new Object())).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> m.writeObject(new StringBuilder())).isInstanceOf(MessageFormatException.class);
        byte[] array = {1};
        m.writeObject(array);
        m.writeBytes(array);
        array[0] = 2;
        m.reset();
        assertThat((byte[]) m.readObject()).containsExactly(1);
        assertThat((byte[]) m.readObject()).containsExactly(1);
    }

    @Test
    void toRecordEncodesTheWholeStreamWhateverTheReadPosition() throws JMSException {
        RowMQStreamMessage m = new RowMQStreamMessage();
        m.writeInt(1);
        m.writeInt(2);
        m.reset();
        m.readInt();
        StreamMessage r = (StreamMessage) RowMQMessage.fromRecord(m.toRecord(), 1);
        assertThat(r.readInt()).isEqualTo(1);
        assertThat(m.readInt()).isEqualTo(2);
    }

    @FunctionalInterface
    interface ThrowingRead {
        Object read() throws JMSException;
    }
}
