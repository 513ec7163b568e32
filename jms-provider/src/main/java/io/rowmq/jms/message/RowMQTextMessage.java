package io.rowmq.jms.message;

import io.rowmq.protocol.BodyType;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;

import java.nio.charset.StandardCharsets;

/** A message whose body is a String, carried as UTF-8; a null text is a null body. */
public class RowMQTextMessage extends RowMQMessage implements TextMessage {
    private String text;

    public RowMQTextMessage() {
    }

    public RowMQTextMessage(String text) {
        this.text = text;
    }

    @Override
    public void setText(String text) throws JMSException {
        checkBodyWritable();
        this.text = text;
    }

    @Override
    public String getText() {
        return text;
    }

    @Override
    BodyType bodyType() {
        return BodyType.TEXT;
    }

    @Override
    byte[] encodeBody() {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    void decodeBody(byte[] body) {
        text = body == null ? null : new String(body, StandardCharsets.UTF_8);
    }

    @Override
    void clearBodyContent() {
        text = null;
    }

    @Override
    Object bodyValue() {
        return text;
    }

    @Override
    String bodySummary() {
        return text == null ? "text=null" : "text=" + text.length() + " chars";
    }
}
