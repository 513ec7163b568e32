package io.rowmq.jms.message;

import io.rowmq.protocol.BodyType;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * A message whose body is a Java-serialized object. The object is serialized when it is set,
 * so later changes to it do not reach the message; every {@link #getObject()} deserializes a
 * fresh copy, resolving only the classes {@link ObjectMessagePolicy#current()} allows.
 */
public class RowMQObjectMessage extends RowMQMessage implements ObjectMessage {
    private byte[] serialized;

    public RowMQObjectMessage() {
    }

    /**
     * @throws IllegalArgumentException when the object cannot be serialized (the message has no JMSException to throw here)
     */
    public RowMQObjectMessage(Serializable object) {
        try {
            this.serialized = serialize(object);
        } catch (MessageFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public void setObject(Serializable object) throws JMSException {
        checkBodyWritable();
        this.serialized = serialize(object);
    }

    /**
     * A new copy of the object on each call.
     *
     * @throws MessageFormatException when the object cannot be deserialized, or its class (or a class it
     *         holds) is not allowed by {@link ObjectMessagePolicy}; the message names the class and the
     *         system property that allows it
     */
    @Override
    public Serializable getObject() throws JMSException {
        if (serialized == null) {
            return null;
        }
        ObjectMessagePolicy policy = ObjectMessagePolicy.current();
        try (ObjectInputStream in = new PolicyObjectInputStream(new ByteArrayInputStream(serialized), policy)) {
            return (Serializable) in.readObject();
        } catch (InvalidClassException e) {
            throw MessageRecords.withCause(new MessageFormatException(describe() + ": " + e.getMessage()), e);
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw MessageRecords.withCause(new MessageFormatException(describe()
                    + ": cannot deserialize the object: " + e), e);
        }
    }

    private MessageFormatException serializeFailure(Object object, IOException e) {
        return MessageRecords.withCause(new MessageFormatException(describe() + ": cannot serialize the "
                + object.getClass().getName() + " given to setObject: " + e), e);
    }

    private byte[] serialize(Serializable object) throws MessageFormatException {
        if (object == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw serializeFailure(object, e);
        }
        return bytes.toByteArray();
    }

    @Override
    BodyType bodyType() {
        return BodyType.OBJECT;
    }

    @Override
    byte[] encodeBody() {
        return serialized;
    }

    @Override
    void decodeBody(byte[] body) {
        serialized = body;
    }

    @Override
    void clearBodyContent() {
        serialized = null;
    }

    @Override
    Object bodyValue() throws JMSException {
        return getObject();
    }

    @Override
    String bodySummary() {
        return serialized == null ? "object=null" : "object=" + serialized.length + " bytes serialized";
    }
}
