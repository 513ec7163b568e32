package io.rowmq.jms.message;

import io.rowmq.jms.message.ConversionTable.Kind;
import io.rowmq.jms.message.ConversionTable.Source;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MapMessageTest {

    static Stream<Arguments> entryPairs() {
        return ConversionTable.pairs(true);
    }

    @ParameterizedTest(name = "{0} entry read as {1}")
    @MethodSource("entryPairs")
    void followsTheConversionTableOf3113(Source source, Kind target) throws Exception {
        RowMQMapMessage message = new RowMQMapMessage();
        message.setObject("v", source.value());
        ConversionTable.check(source, target, kind -> read(message, "v", kind));
        MapMessage received = (MapMessage) RowMQMessage.fromRecord(message.toRecord(), 1);
        ConversionTable.check(source, target, kind -> read(received, "v", kind));
    }

    static Object read(MapMessage message, String name, Kind kind) throws JMSException {
        return switch (kind) {
            case BOOLEAN -> message.getBoolean(name);
            case BYTE -> message.getByte(name);
            case SHORT -> message.getShort(name);
            case CHAR -> message.getChar(name);
            case INT -> message.getInt(name);
            case LONG -> message.getLong(name);
            case FLOAT -> message.getFloat(name);
            case DOUBLE -> message.getDouble(name);
            case STRING -> message.getString(name);
            case BYTES -> message.getBytes(name);
        };
    }

    @Test
    void typedSettersRoundTripThroughTheRecord() throws JMSException {
        RowMQMapMessage m = new RowMQMapMessage();
        m.setBoolean("bool", true);
        m.setByte("byte", (byte) -8);
        m.setShort("short", (short) -16);
        m.setChar("char", 'Ж');
        m.setInt("int", Integer.MIN_VALUE);
        m.setLong("long", Long.MAX_VALUE);
        m.setFloat("float", 0.1f);
        m.setDouble("double", Math.PI);
        m.setString("string", "zwölf");
        m.setBytes("bytes", new byte[] {1, 2, 3});
        m.setBytes("slice", new byte[] {1, 2, 3, 4, 5}, 1, 3);
        m.setObject("object", 42L);
        m.setString("null", null);
        MapMessage r = (MapMessage) RowMQMessage.fromRecord(m.toRecord(), 1);
        assertThat(r.getBoolean("bool")).isTrue();
        assertThat(r.getByte("byte")).isEqualTo((byte) -8);
        assertThat(r.getShort("short")).isEqualTo((short) -16);
        assertThat(r.getChar("char")).isEqualTo('Ж');
        assertThat(r.getInt("int")).isEqualTo(Integer.MIN_VALUE);
        assertThat(r.getLong("long")).isEqualTo(Long.MAX_VALUE);
        assertThat(r.getFloat("float")).isEqualTo(0.1f);
        assertThat(r.getDouble("double")).isEqualTo(Math.PI);
        assertThat(r.getString("string")).isEqualTo("zwölf");
        assertThat(r.getBytes("bytes")).containsExactly(1, 2, 3);
        assertThat(r.getBytes("slice")).containsExactly(2, 3, 4);
        assertThat(r.getObject("object")).isEqualTo(42L);
        assertThat(r.getObject("null")).isNull();
        assertThat(r.itemExists("null")).isTrue();
        assertThat(r.itemExists("absent")).isFalse();
        assertThat(Collections.list(r.getMapNames())).containsExactly("bool", "byte", "short", "char", "int", "long",
                "float", "double", "string", "bytes", "slice", "object", "null");
    }

    @Test
    void absentAndNullEntriesReadAsValueOfNull() throws JMSException {
        RowMQMapMessage m = new RowMQMapMessage();
        m.setString("null", null);
        for (String name : List.of("null", "absent")) {
            assertThat(m.getBoolean(name)).isFalse();
            assertThatThrownBy(() -> m.getByte(name)).isInstanceOf(NumberFormatException.class);
            assertThatThrownBy(() -> m.getShort(name)).isInstanceOf(NumberFormatException.class);
            assertThatThrownBy(() -> m.getInt(name)).isInstanceOf(NumberFormatException.class);
            assertThatThrownBy(() -> m.getLong(name)).isInstanceOf(NumberFormatException.class);
            assertThatThrownBy(() -> m.getFloat(name)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> m.getDouble(name)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> m.getChar(name)).isInstanceOf(NullPointerException.class);
            assertThat(m.getString(name)).isNull();
            assertThat(m.getBytes(name)).isNull();
            assertThat(m.getObject(name)).isNull();
        }
    }

    @Test
    void invalidStringsThrowNumberFormatException() throws JMSException {
        RowMQMapMessage m = new RowMQMapMessage();
        m.setString("s", "mytest string");
        assertThat(m.getBoolean("s")).isFalse();
        assertThatThrownBy(() -> m.getByte("s")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> m.getShort("s")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> m.getInt("s")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> m.getLong("s")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> m.getFloat("s")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> m.getDouble("s")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void rejectsNullAndEmptyNamesAndInvalidObjects() {
        RowMQMapMessage m = new RowMQMapMessage();
        assertThatThrownBy(() -> m.setInt(null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.setString("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.setBytes(null, new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.setObject(null, new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.setObject("o", new Object())).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> m.setObject("o", List.of())).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void byteArraysAreCopiedInAndOut() throws JMSException {
        RowMQMapMessage m = new RowMQMapMessage();
        byte[] value = {1, 2};
        m.setBytes("b", value);
        m.setObject("o", value);
        value[0] = 9;
        assertThat(m.getBytes("b")).containsExactly(1, 2);
        assertThat((byte[]) m.getObject("o")).containsExactly(1, 2);
        m.getBytes("b")[1] = 9;
        ((byte[]) m.getObject("b"))[1] = 9;
        assertThat(m.getBytes("b")).containsExactly(1, 2);
    }

    @Test
    void receivedBodyIsReadOnlyUntilClearBody() throws JMSException {
        RowMQMapMessage m = new RowMQMapMessage();
        m.setInt("i", 1);
        RowMQMapMessage r = (RowMQMapMessage) RowMQMessage.fromRecord(m.toRecord(), 1);
        assertThatThrownBy(() -> r.setInt("i", 2)).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> r.setObject("i", 2)).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> r.setBytes("i", new byte[1], 0, 1)).isInstanceOf(MessageNotWriteableException.class);
        assertThat(r.getInt("i")).isEqualTo(1);
        r.clearBody();
        assertThat(r.getMapNames().hasMoreElements()).isFalse();
        r.setInt("j", 2);
        assertThat(r.getBody(Map.class)).isEqualTo(Map.of("j", 2));
    }

    @Test
    void emptyMapTravelsAsNoBody() throws JMSException {
        RowMQMapMessage m = new RowMQMapMessage();
        assertThat(m.toRecord().body()).isNull();
        MapMessage r = (MapMessage) RowMQMessage.fromRecord(m.toRecord(), 1);
        assertThat(r.getMapNames().hasMoreElements()).isFalse();
    }
}
