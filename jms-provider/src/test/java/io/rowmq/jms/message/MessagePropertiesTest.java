package io.rowmq.jms.message;

import io.rowmq.jms.message.ConversionTable.Kind;
import io.rowmq.jms.message.ConversionTable.Source;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessagePropertiesTest {

    static Stream<org.junit.jupiter.params.provider.Arguments> propertyPairs() {
        return ConversionTable.pairs(false);
    }

    @ParameterizedTest(name = "{0} property read as {1}")
    @MethodSource("propertyPairs")
    void followsTheConversionTableOf354(Source source, Kind target) throws Exception {
        RowMQMessage message = new RowMQMessage();
        message.setObjectProperty("p", source.value());
        ConversionTable.check(source, target, kind -> read(message, "p", kind));
        RowMQMessage received = RowMQMessage.fromRecord(message.toRecord(), 1);
        ConversionTable.check(source, target, kind -> read(received, "p", kind));
    }

    static Object read(Message message, String name, Kind kind) throws JMSException {
        return switch (kind) {
            case BOOLEAN -> message.getBooleanProperty(name);
            case BYTE -> message.getByteProperty(name);
            case SHORT -> message.getShortProperty(name);
            case INT -> message.getIntProperty(name);
            case LONG -> message.getLongProperty(name);
            case FLOAT -> message.getFloatProperty(name);
            case DOUBLE -> message.getDoubleProperty(name);
            case STRING -> message.getStringProperty(name);
            case CHAR, BYTES -> throw new IllegalArgumentException("properties have no " + kind + " getter");
        };
    }

    @Test
    void typedSettersStoreTheirBoxedType() throws JMSException {
        RowMQMessage m = new RowMQMessage();
        m.setBooleanProperty("b", true);
        m.setByteProperty("y", (byte) -1);
        m.setShortProperty("s", (short) -2);
        m.setIntProperty("i", -3);
        m.setLongProperty("l", -4L);
        m.setFloatProperty("f", -5.5f);
        m.setDoubleProperty("d", -6.5d);
        m.setStringProperty("t", "text");
        assertThat(m.getObjectProperty("b")).isEqualTo(Boolean.TRUE);
        assertThat(m.getObjectProperty("y")).isEqualTo((byte) -1);
        assertThat(m.getObjectProperty("s")).isEqualTo((short) -2);
        assertThat(m.getObjectProperty("i")).isEqualTo(-3);
        assertThat(m.getObjectProperty("l")).isEqualTo(-4L);
        assertThat(m.getObjectProperty("f")).isEqualTo(-5.5f);
        assertThat(m.getObjectProperty("d")).isEqualTo(-6.5d);
        assertThat(m.getObjectProperty("t")).isEqualTo("text");
        m.setIntProperty("i", 9);
        assertThat(m.getIntProperty("i")).isEqualTo(9);
        assertThat(Collections.list(m.getPropertyNames())).containsExactly("b", "y", "s", "i", "l", "f", "d", "t");
    }

    @Test
    void absentAndNullPropertiesReadAsValueOfNull() throws JMSException {
        RowMQMessage m = new RowMQMessage();
        m.setStringProperty("nullString", null);
        m.setObjectProperty("nullObject", null);
        for (String name : List.of("absent", "nullString", "nullObject")) {
            assertThat(m.getBooleanProperty(name)).as(name).isFalse();
            assertThatThrownBy(() -> m.getByteProperty(name)).isInstanceOf(NumberFormatException.class);
            assertThatThrownBy(() -> m.getShortProperty(name)).isInstanceOf(NumberFormatException.class);
            assertThatThrownBy(() -> m.getIntProperty(name)).isInstanceOf(NumberFormatException.class);
            assertThatThrownBy(() -> m.getLongProperty(name)).isInstanceOf(NumberFormatException.class);
            assertThatThrownBy(() -> m.getFloatProperty(name)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> m.getDoubleProperty(name)).isInstanceOf(NullPointerException.class);
            assertThat(m.getStringProperty(name)).isNull();
            assertThat(m.getObjectProperty(name)).isNull();
        }
        assertThat(m.propertyExists("absent")).isFalse();
        assertThat(m.propertyExists("nullString")).isTrue();
        assertThat(m.propertyExists("nullObject")).isTrue();
    }

    @Test
    void stringsThatDoNotParseThrowNumberFormatException() throws JMSException {
        RowMQMessage m = new RowMQMessage();
        m.setStringProperty("s", "not a number");
        assertThat(m.getBooleanProperty("s")).isFalse();
        assertThatThrownBy(() -> m.getByteProperty("s")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> m.getShortProperty("s")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> m.getIntProperty("s")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> m.getLongProperty("s")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> m.getFloatProperty("s")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> m.getDoubleProperty("s")).isInstanceOf(NumberFormatException.class);
        m.setStringProperty("big", "300");
        assertThatThrownBy(() -> m.getByteProperty("big")).isInstanceOf(NumberFormatException.class);
        m.setStringProperty("yes", "TRUE");
        assertThat(m.getBooleanProperty("yes")).isTrue();
    }

    @Test
    void setObjectPropertyAcceptsOnlyTheEightTypes() throws JMSException {
        RowMQMessage m = new RowMQMessage();
        for (Object bad : List.of(new Object(), 'c', new byte[] {1}, new StringBuilder("x"), List.of(),
                java.math.BigDecimal.ONE)) {
            assertThatThrownBy(() -> m.setObjectProperty("p", bad)).as(bad.getClass().getName())
                    .isInstanceOf(MessageFormatException.class).hasMessageContaining("'p'")
                    .hasMessageContaining(bad.getClass().getName());
        }
        assertThat(m.propertyExists("p")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc", "a-b", "a b", "a.b", "NULL", "true", "False", "not", "AND", "or", "between",
            "Like", "in", "IS", "escape"})
    void rejectsInvalidNamesInEverySetter(String name) {
        RowMQMessage m = new RowMQMessage();
        List<ThrowingSetter> setters = List.of(
                () -> m.setBooleanProperty(name, true), () -> m.setByteProperty(name, (byte) 1),
                () -> m.setShortProperty(name, (short) 1), () -> m.setIntProperty(name, 1),
                () -> m.setLongProperty(name, 1L), () -> m.setFloatProperty(name, 1f),
                () -> m.setDoubleProperty(name, 1d), () -> m.setStringProperty(name, "x"),
                () -> m.setObjectProperty(name, 1));
        for (ThrowingSetter setter : setters) {
            assertThatThrownBy(setter::set).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> m.setIntProperty(null, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "_x", "$y", "JMSXGroupID", "JMS_rowmq_x", "nullable", "inx", "IsOk", "ünïcode", "a1"})
    void acceptsJavaIdentifiers(String name) {
        RowMQMessage m = new RowMQMessage();
        assertThatCode(() -> m.setIntProperty(name, 1)).doesNotThrowAnyException();
    }

    @Test
    void receivedPropertiesAreReadOnlyUntilClearProperties() throws JMSException {
        RowMQTextMessage sent = new RowMQTextMessage("body");
        sent.setIntProperty("i", 1);
        RowMQMessage received = RowMQMessage.fromRecord(sent.toRecord(), 1);
        List<ThrowingSetter> setters = List.of(
                () -> received.setBooleanProperty("b", true), () -> received.setByteProperty("b", (byte) 1),
                () -> received.setShortProperty("b", (short) 1), () -> received.setIntProperty("i", 2),
                () -> received.setLongProperty("b", 1L), () -> received.setFloatProperty("b", 1f),
                () -> received.setDoubleProperty("b", 1d), () -> received.setStringProperty("b", "x"),
                () -> received.setObjectProperty("b", 1));
        for (ThrowingSetter setter : setters) {
            assertThatThrownBy(setter::set).isInstanceOf(MessageNotWriteableException.class)
                    .hasMessageContaining("clearProperties");
        }
        assertThat(received.getIntProperty("i")).isEqualTo(1);
        received.clearProperties();
        assertThat(received.getPropertyNames().hasMoreElements()).isFalse();
        assertThat(received.getObjectProperty("i")).isNull();
        assertThatThrownBy(() -> received.getShortProperty("i")).isInstanceOf(NumberFormatException.class);
        received.setIntProperty("i", 3);
        assertThat(received.getIntProperty("i")).isEqualTo(3);
        assertThat(((RowMQTextMessage) received).getText()).isEqualTo("body");
    }

    @Test
    void clearPropertiesLeavesHeadersAndBody() throws JMSException {
        RowMQTextMessage m = new RowMQTextMessage("keep");
        m.setJMSType("t");
        m.setStringProperty("a", "b");
        m.clearProperties();
        assertThat(m.propertyExists("a")).isFalse();
        assertThat(m.getJMSType()).isEqualTo("t");
        assertThat(m.getText()).isEqualTo("keep");
    }

    @Test
    void propertyNamesEnumerationIsASnapshot() throws JMSException {
        RowMQMessage m = new RowMQMessage();
        m.setIntProperty("a", 1);
        var names = m.getPropertyNames();
        m.setIntProperty("b", 2);
        assertThat(Collections.list(names)).containsExactly("a");
    }

    @FunctionalInterface
    interface ThrowingSetter {
        void set() throws JMSException;
    }
}
