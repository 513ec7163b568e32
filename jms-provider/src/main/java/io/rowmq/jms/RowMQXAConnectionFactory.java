package io.rowmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueConnectionFactory;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicConnectionFactory;

/**
 * The XA counterpart of {@link RowMQConnectionFactory}, for transaction managers: its
 * connections create XA sessions whose XAResource prepares at the broker, durably (D16).
 */
public class RowMQXAConnectionFactory extends RowMQConnectionFactory implements XAConnectionFactory,
        XAQueueConnectionFactory, XATopicConnectionFactory {
    private static final long serialVersionUID = 1L;

    public RowMQXAConnectionFactory() {
    }

    public RowMQXAConnectionFactory(String brokerURL) {
        super(brokerURL);
    }

    @Override
    boolean xa() {
        return true;
    }

    @Override
    public XAConnection createXAConnection() throws JMSException {
        return (XAConnection) open(null, null, false);
    }

    @Override
    public XAConnection createXAConnection(String userName, String password) throws JMSException {
        return (XAConnection) open(userName, password, true);
    }

    @Override
    public XAQueueConnection createXAQueueConnection() throws JMSException {
        return (XAQueueConnection) open(null, null, false);
    }

    @Override
    public XAQueueConnection createXAQueueConnection(String userName, String password) throws JMSException {
        return (XAQueueConnection) open(userName, password, true);
    }

    @Override
    public XATopicConnection createXATopicConnection() throws JMSException {
        return (XATopicConnection) open(null, null, false);
    }

    @Override
    public XATopicConnection createXATopicConnection(String userName, String password) throws JMSException {
        return (XATopicConnection) open(userName, password, true);
    }

    @Override
    public XAJMSContext createXAContext() {
        return new RowMQXAJMSContext(JmsErrors.unchecked(() -> open(null, null, false)));
    }

    @Override
    public XAJMSContext createXAContext(String userName, String password) {
        return new RowMQXAJMSContext(JmsErrors.unchecked(() -> open(userName, password, true)));
    }
}
