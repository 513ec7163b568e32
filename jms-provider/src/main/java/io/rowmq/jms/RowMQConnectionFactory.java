package io.rowmq.jms;

import io.rowmq.jms.jndi.RowMQObjectFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;

import javax.naming.Reference;
import javax.naming.Referenceable;
import javax.naming.StringRefAddr;
import java.io.Serializable;

/**
 * The entry point: {@code new RowMQConnectionFactory("rowmq://localhost:7600")}, or the no-arg
 * constructor plus {@link #setBrokerURL(String)}. Serializable and {@link Referenceable}, so it
 * can be bound in JNDI. Credentials and client id may be given in the URL or by setters.
 */
public class RowMQConnectionFactory implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory,
        Serializable, Referenceable {
    private static final long serialVersionUID = 1L;
    /** The URL used when none is set. */
    public static final String DEFAULT_URL = "rowmq://localhost:" + BrokerUrl.DEFAULT_PORT;

    private String brokerURL = DEFAULT_URL;
    private String user;
    private String password;
    private String clientID;

    public RowMQConnectionFactory() {
    }

    public RowMQConnectionFactory(String brokerURL) {
        setBrokerURL(brokerURL);
    }

    /**
     * Sets the broker URL, {@code rowmq://host:port[,host2:port2][?options]}.
     *
     * @throws IllegalArgumentException when it does not parse (the message says why)
     */
    public void setBrokerURL(String brokerURL) {
        BrokerUrl.parse(brokerURL);
        this.brokerURL = brokerURL;
    }

    public String getBrokerURL() {
        return brokerURL;
    }

    /** The user for connections created without credentials; overrides the URL's {@code user}. */
    public void setUser(String user) {
        this.user = user;
    }

    public String getUser() {
        return user;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /** The client id preset on every connection; overrides the URL's {@code clientId}. */
    public void setClientID(String clientID) {
        this.clientID = clientID;
    }

    public String getClientID() {
        return clientID;
    }

    @Override
    public Connection createConnection() throws JMSException {
        return open(null, null, false);
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return open(userName, password, true);
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return open(null, null, false);
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return open(userName, password, true);
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return open(null, null, false);
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return open(userName, password, true);
    }

    @Override
    public JMSContext createContext() {
        return createContext(JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext(userName, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        RowMQJMSContext.checkSessionMode(sessionMode);
        return new RowMQJMSContext(JmsErrors.unchecked(() -> open(userName, password, true)), sessionMode, true);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        RowMQJMSContext.checkSessionMode(sessionMode);
        return new RowMQJMSContext(JmsErrors.unchecked(() -> open(null, null, false)), sessionMode, true);
    }

    /** Opens a connection; explicit credentials win over the factory's and the URL's. */
    protected RowMQConnection open(String explicitUser, String explicitPassword, boolean explicit)
            throws JMSException {
        BrokerUrl url;
        try {
            url = BrokerUrl.parse(brokerURL);
        } catch (IllegalArgumentException e) {
            throw new JMSException(e.getMessage(), "INVALID_URL");
        }
        String effectiveUser = explicit ? explicitUser : user != null ? user : url.option("user");
        String effectivePassword = explicit ? explicitPassword : password != null ? password : url.option("password");
        String presetClientId = clientID != null ? clientID : url.option("clientId");
        return RowMQConnection.open(url, effectiveUser, effectivePassword, presetClientId, xa());
    }

    /** Whether this factory's connections are XA connections (RowMQXAConnectionFactory). */
    boolean xa() {
        return false;
    }

    @Override
    public Reference getReference() {
        Reference reference = new Reference(getClass().getName(), RowMQObjectFactory.class.getName(), null);
        reference.add(new StringRefAddr(RowMQObjectFactory.BROKER_URL, brokerURL));
        if (user != null) {
            reference.add(new StringRefAddr(RowMQObjectFactory.USER, user));
        }
        if (password != null) {
            reference.add(new StringRefAddr(RowMQObjectFactory.PASSWORD, password));
        }
        if (clientID != null) {
            reference.add(new StringRefAddr(RowMQObjectFactory.CLIENT_ID, clientID));
        }
        return reference;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + BrokerUrl.redact(brokerURL) + "]";
    }
}
