package io.rowmq.jms;

import io.rowmq.jms.message.RowMQMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageListener;

import static io.rowmq.jms.JmsErrors.unchecked;
import static io.rowmq.jms.JmsErrors.uncheckedRun;

/** The simplified API's consumer over a {@link RowMQMessageConsumer}. */
final class RowMQJMSConsumer implements JMSConsumer {
    private final RowMQMessageConsumer consumer;

    RowMQJMSConsumer(RowMQMessageConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public String getMessageSelector() {
        return unchecked(consumer::getMessageSelector);
    }

    @Override
    public MessageListener getMessageListener() {
        return unchecked(consumer::getMessageListener);
    }

    @Override
    public void setMessageListener(MessageListener listener) {
        uncheckedRun(() -> consumer.setMessageListener(listener));
    }

    @Override
    public Message receive() {
        return unchecked(() -> consumer.receive());
    }

    @Override
    public Message receive(long timeout) {
        return unchecked(() -> consumer.receive(timeout));
    }

    @Override
    public Message receiveNoWait() {
        return unchecked(consumer::receiveNoWait);
    }

    @Override
    public void close() {
        uncheckedRun(consumer::close);
    }

    @Override
    public <T> T receiveBody(Class<T> c) {
        return body(0, c);
    }

    @Override
    public <T> T receiveBody(Class<T> c, long timeout) {
        return body(timeout, c);
    }

    @Override
    public <T> T receiveBodyNoWait(Class<T> c) {
        return body(-1, c);
    }

    private <T> T body(long timeout, Class<T> c) {
        return unchecked(() -> {
            RowMQMessage message = consumer.receive(timeout, received -> assignable(received, c));
            if (message == null) {
                return null;
            }
            if (!assignable(message, c)) {
                throw new MessageFormatRuntimeException("receiveBody(" + c.getName() + "): the message "
                        + message.getJMSMessageID() + " has a body that cannot be assigned to that type ("
                        + message.getClass().getSimpleName() + ")", "BODY_TYPE");
            }
            return message.getBody(c);
        });
    }

    private static boolean assignable(RowMQMessage message, Class<?> c) {
        try {
            return message.isBodyAssignableTo(c) && message.getClass() != RowMQMessage.class;
        } catch (JMSException e) {
            return false;
        }
    }
}
