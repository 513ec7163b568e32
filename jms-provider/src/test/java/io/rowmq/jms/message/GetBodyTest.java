package io.rowmq.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Message.getBody and isBodyAssignableTo for every message type, with and without a body. */
class GetBodyTest {
    private static final List<Class<?>> TYPES = List.of(Object.class, String.class, CharSequence.class,
            byte[].class, Map.class, HashMap.class, Serializable.class, StringBuffer.class, Boolean.class,
            Integer.class);

    private static void assertAssignable(Message m, Object expectedBody, List<Class<?>> assignable) throws JMSException {
        for (Class<?> type : TYPES) {
            if (assignable.contains(type)) {
                assertThat(m.isBodyAssignableTo(type)).as(m + " assignable to " + type.getName()).isTrue();
                assertThat(m.getBody(type)).as(m + " as " + type.getName()).isEqualTo(expectedBody);
            } else {
                assertThat(m.isBodyAssignableTo(type)).as(m + " assignable to " + type.getName()).isFalse();
                assertThatThrownBy(() -> m.getBody(type)).as(m + " as " + type.getName())
                        .isInstanceOf(MessageFormatException.class).hasMessageContaining(type.getName());
            }
        }
    }

    private static void assertNoBody(Message m) throws JMSException {
        for (Class<?> type : TYPES) {
            assertThat(m.isBodyAssignableTo(type)).as(m + " without body assignable to " + type.getName()).isTrue();
            assertThat(m.getBody(type)).as(m + " without body as " + type.getName()).isNull();
        }
    }

    private static Message received(RowMQMessage m) throws JMSException {
        return RowMQMessage.fromRecord(m.toRecord(), 1);
    }

    @Test
    void messageWithoutBodyTypeIsAssignableToAnything() throws JMSException {
        assertNoBody(new RowMQMessage());
        assertNoBody(received(new RowMQMessage()));
    }

    @Test
    void textMessage() throws JMSException {
        assertAssignable(new RowMQTextMessage("hi"), "hi", List.of(Object.class, String.class, CharSequence.class,
                Serializable.class));
        assertAssignable(received(new RowMQTextMessage("hi")), "hi", List.of(Object.class, String.class,
                CharSequence.class, Serializable.class));
        assertNoBody(new RowMQTextMessage());
        assertNoBody(received(new RowMQTextMessage(null)));
        assertAssignable(received(new RowMQTextMessage("")), "", List.of(Object.class, String.class,
                CharSequence.class, Serializable.class));
    }

    @Test
    void bytesMessageReturnsTheWholeBodyInEitherMode() throws JMSException {
        RowMQBytesMessage m = new RowMQBytesMessage();
        m.writeBytes(new byte[] {1, 2, 3});
        List<Class<?>> bytesTypes = List.of(Object.class, byte[].class, Serializable.class);
        assertAssignable(m, new byte[] {1, 2, 3}, bytesTypes);
        m.reset();
        m.readByte();
        assertAssignable(m, new byte[] {1, 2, 3}, bytesTypes);
        assertThat(m.readByte()).as("getBody does not move the read position").isEqualTo((byte) 2);
        m.getBody(byte[].class)[0] = 9;
        assertThat(m.getBody(byte[].class)).as("a copy").containsExactly(1, 2, 3);
        assertAssignable(received(m), new byte[] {1, 2, 3}, bytesTypes);
        assertNoBody(new RowMQBytesMessage());
        assertNoBody(received(new RowMQBytesMessage()));
    }

    /** HashMap is refused even though the copy happens to be one: the body type is Map. */
    @Test
    void mapMessageReturnsACopyOfTheEntries() throws JMSException {
        RowMQMapMessage m = new RowMQMapMessage();
        m.setInt("i", 1);
        m.setString("s", "x");
        Map<String, Object> expected = Map.of("i", 1, "s", "x");
        assertAssignable(m, expected, List.of(Object.class, Map.class));
        assertAssignable(received(m), expected, List.of(Object.class, Map.class));
        @SuppressWarnings("unchecked")
        Map<String, Object> body = m.getBody(Map.class);
        body.put("new", 2);
        assertThat(m.itemExists("new")).isFalse();
        assertNoBody(new RowMQMapMessage());
        assertNoBody(received(new RowMQMapMessage()));
    }

    @Test
    void objectMessageIsAssignableToTheObjectsTypes() throws JMSException {
        StringBuffer buffer = new StringBuffer("This is it!");
        RowMQObjectMessage m = new RowMQObjectMessage(buffer);
        assertThat(m.isBodyAssignableTo(StringBuffer.class)).isTrue();
        assertThat(m.isBodyAssignableTo(CharSequence.class)).isTrue();
        assertThat(m.isBodyAssignableTo(Serializable.class)).isTrue();
        assertThat(m.isBodyAssignableTo(Boolean.class)).isFalse();
        assertThat(m.isBodyAssignableTo(String.class)).isFalse();
        assertThat(m.getBody(StringBuffer.class).toString()).isEqualTo("This is it!");
        assertThatThrownBy(() -> m.getBody(String.class)).isInstanceOf(MessageFormatException.class);
        assertAssignable(received(new RowMQObjectMessage(7)), 7, List.of(Object.class, Serializable.class,
                Integer.class));
        assertNoBody(new RowMQObjectMessage());
        assertNoBody(received(new RowMQObjectMessage(null)));
    }

    @Test
    void streamMessageIsNeverAssignableAndGetBodyAlwaysFails() throws JMSException {
        RowMQStreamMessage m = new RowMQStreamMessage();
        for (RowMQStreamMessage s : List.of(m, (RowMQStreamMessage) received(m))) {
            for (Class<?> type : TYPES) {
                assertThat(s.isBodyAssignableTo(type)).isFalse();
                assertThatThrownBy(() -> s.getBody(type)).isInstanceOf(MessageFormatException.class)
                        .hasMessageContaining("StreamMessage");
            }
        }
        m.writeInt(1);
        assertThat(m.isBodyAssignableTo(Object.class)).isFalse();
    }

    @Test
    void clearBodyEmptiesEveryTypeAndMakesItWritable() throws JMSException {
        List<RowMQMessage> messages = List.of(new RowMQTextMessage("t"), new RowMQObjectMessage("o"),
                new RowMQMapMessage(), new RowMQBytesMessage(), new RowMQMessage());
        ((RowMQMapMessage) messages.get(2)).setInt("i", 1);
        ((RowMQBytesMessage) messages.get(3)).writeInt(1);
        for (RowMQMessage sent : messages) {
            Message r = received(sent);
            r.clearBody();
            assertNoBody(r);
        }
    }
}
