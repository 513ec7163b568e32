package io.rowmq.jms;

import io.rowmq.jms.message.RowMQMessage;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.rowmq.jms.JmsErrors.unchecked;
import static io.rowmq.jms.JmsErrors.uncheckedRun;

/**
 * The simplified API's producer: message properties and headers set here are applied to every
 * message it sends. Properties live in a template message, so they follow the same names,
 * types and conversions as a message's own.
 */
final class RowMQJMSProducer implements JMSProducer {
    private final RowMQJMSContext context;
    private final ProducerSettings settings = new ProducerSettings();
    private final RowMQMessage properties = new RowMQMessage();
    private CompletionListener completionListener;
    private String correlationId;
    private byte[] correlationIdBytes;
    private String type;
    private Destination replyTo;

    RowMQJMSProducer(RowMQJMSContext context) {
        this.context = context;
    }

    @Override
    public JMSProducer send(Destination destination, Message message) {
        if (message == null) {
            throw new MessageFormatRuntimeException("Cannot send a null message");
        }
        if (destination == null) {
            throw new InvalidDestinationRuntimeException("send: the destination must not be null");
        }
        uncheckedRun(() -> {
            applyTo(message);
            RowMQMessageProducer producer = (RowMQMessageProducer) context.sharedProducer();
            long delay = producer.settings().deliveryDelay;
            producer.settings().deliveryDelay = settings.deliveryDelay;
            producer.settings().disableTimestamp = settings.disableTimestamp;
            producer.settings().disableMessageId = settings.disableMessageId;
            try {
                producer.doSend(RowMQDestination.of(destination), message, settings.deliveryMode, settings.priority,
                        settings.timeToLive, completionListener);
            } finally {
                producer.settings().deliveryDelay = delay;
            }
        });
        return this;
    }

    private void applyTo(Message message) throws JMSException {
        for (Enumeration<?> names = properties.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            message.setObjectProperty(name, properties.getObjectProperty(name));
        }
        if (correlationIdBytes != null) {
            message.setJMSCorrelationIDAsBytes(correlationIdBytes);
        } else if (correlationId != null) {
            message.setJMSCorrelationID(correlationId);
        }
        if (type != null) {
            message.setJMSType(type);
        }
        if (replyTo != null) {
            message.setJMSReplyTo(replyTo);
        }
    }

    @Override
    public JMSProducer send(Destination destination, String body) {
        return send(destination, context.createTextMessage(body));
    }

    @Override
    public JMSProducer send(Destination destination, Map<String, Object> body) {
        MapMessage message = context.createMapMessage();
        if (body != null) {
            uncheckedRun(() -> {
                for (Map.Entry<String, Object> entry : body.entrySet()) {
                    message.setObject(entry.getKey(), entry.getValue());
                }
            });
        }
        return send(destination, message);
    }

    @Override
    public JMSProducer send(Destination destination, byte[] body) {
        BytesMessage message = context.createBytesMessage();
        if (body != null) {
            uncheckedRun(() -> message.writeBytes(body));
        }
        return send(destination, message);
    }

    @Override
    public JMSProducer send(Destination destination, Serializable body) {
        return send(destination, context.createObjectMessage(body));
    }

    // ---- settings

    @Override
    public JMSProducer setDisableMessageID(boolean value) {
        settings.disableMessageId = value;
        return this;
    }

    @Override
    public boolean getDisableMessageID() {
        return settings.disableMessageId;
    }

    @Override
    public JMSProducer setDisableMessageTimestamp(boolean value) {
        settings.disableTimestamp = value;
        return this;
    }

    @Override
    public boolean getDisableMessageTimestamp() {
        return settings.disableTimestamp;
    }

    @Override
    public JMSProducer setDeliveryMode(int deliveryMode) {
        settings.deliveryMode = unchecked(() -> ProducerSettings.checkDeliveryMode(deliveryMode));
        return this;
    }

    @Override
    public int getDeliveryMode() {
        return settings.deliveryMode;
    }

    @Override
    public JMSProducer setPriority(int priority) {
        settings.priority = unchecked(() -> ProducerSettings.checkPriority(priority));
        return this;
    }

    @Override
    public int getPriority() {
        return settings.priority;
    }

    @Override
    public JMSProducer setTimeToLive(long timeToLive) {
        settings.timeToLive = timeToLive;
        return this;
    }

    @Override
    public long getTimeToLive() {
        return settings.timeToLive;
    }

    @Override
    public JMSProducer setDeliveryDelay(long deliveryDelay) {
        settings.deliveryDelay = deliveryDelay;
        return this;
    }

    @Override
    public long getDeliveryDelay() {
        return settings.deliveryDelay;
    }

    @Override
    public JMSProducer setAsync(CompletionListener listener) {
        this.completionListener = listener;
        return this;
    }

    @Override
    public CompletionListener getAsync() {
        return completionListener;
    }

    // ---- properties

    @Override
    public JMSProducer setProperty(String name, boolean value) {
        uncheckedRun(() -> properties.setBooleanProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, byte value) {
        uncheckedRun(() -> properties.setByteProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, short value) {
        uncheckedRun(() -> properties.setShortProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, int value) {
        uncheckedRun(() -> properties.setIntProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, long value) {
        uncheckedRun(() -> properties.setLongProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, float value) {
        uncheckedRun(() -> properties.setFloatProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, double value) {
        uncheckedRun(() -> properties.setDoubleProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, String value) {
        uncheckedRun(() -> properties.setStringProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, Object value) {
        uncheckedRun(() -> properties.setObjectProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer clearProperties() {
        uncheckedRun(properties::clearProperties);
        return this;
    }

    @Override
    public boolean propertyExists(String name) {
        return unchecked(() -> properties.propertyExists(name));
    }

    @Override
    public boolean getBooleanProperty(String name) {
        return unchecked(() -> properties.getBooleanProperty(name));
    }

    @Override
    public byte getByteProperty(String name) {
        return unchecked(() -> properties.getByteProperty(name));
    }

    @Override
    public short getShortProperty(String name) {
        return unchecked(() -> properties.getShortProperty(name));
    }

    @Override
    public int getIntProperty(String name) {
        return unchecked(() -> properties.getIntProperty(name));
    }

    @Override
    public long getLongProperty(String name) {
        return unchecked(() -> properties.getLongProperty(name));
    }

    @Override
    public float getFloatProperty(String name) {
        return unchecked(() -> properties.getFloatProperty(name));
    }

    @Override
    public double getDoubleProperty(String name) {
        return unchecked(() -> properties.getDoubleProperty(name));
    }

    @Override
    public String getStringProperty(String name) {
        return unchecked(() -> properties.getStringProperty(name));
    }

    @Override
    public Object getObjectProperty(String name) {
        return unchecked(() -> properties.getObjectProperty(name));
    }

    @Override
    public Set<String> getPropertyNames() {
        return unchecked(() -> {
            Set<String> names = new TreeSet<>();
            for (Enumeration<?> e = properties.getPropertyNames(); e.hasMoreElements(); ) {
                names.add((String) e.nextElement());
            }
            return Collections.unmodifiableSet(names);
        });
    }

    // ---- headers

    @Override
    public JMSProducer setJMSCorrelationIDAsBytes(byte[] value) {
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException("JMSCorrelationIDAsBytes must not be null or empty");
        }
        this.correlationIdBytes = value.clone();
        this.correlationId = new String(value, StandardCharsets.ISO_8859_1);
        return this;
    }

    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        return correlationIdBytes == null ? null : correlationIdBytes.clone();
    }

    @Override
    public JMSProducer setJMSCorrelationID(String value) {
        this.correlationId = value;
        this.correlationIdBytes = null;
        return this;
    }

    @Override
    public String getJMSCorrelationID() {
        return correlationId;
    }

    @Override
    public JMSProducer setJMSType(String value) {
        this.type = value;
        return this;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public JMSProducer setJMSReplyTo(Destination value) {
        this.replyTo = value;
        return this;
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }
}
