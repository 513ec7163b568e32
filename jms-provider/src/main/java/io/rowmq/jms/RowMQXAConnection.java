package io.rowmq.jms;

import io.rowmq.jms.provider.ClientOptions;
import io.rowmq.jms.provider.Transport;
import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicSession;

/** A connection made by {@link RowMQXAConnectionFactory}: it also creates XA sessions. */
final class RowMQXAConnection extends RowMQConnection implements XAConnection, XAQueueConnection, XATopicConnection {

    RowMQXAConnection(Transport transport, ClientOptions options, BrokerUrl url, String user, String presetClientId) {
        super(transport, options, url, user, presetClientId);
    }

    @Override
    public XASession createXASession() throws JMSException {
        return (XASession) createXaSession(SessionDomain.UNIFIED);
    }

    @Override
    public XAQueueSession createXAQueueSession() throws JMSException {
        return (XAQueueSession) createXaSession(SessionDomain.QUEUE);
    }

    @Override
    public XATopicSession createXATopicSession() throws JMSException {
        return (XATopicSession) createXaSession(SessionDomain.TOPIC);
    }
}
