package io.rowmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicSession;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicSession;

import javax.transaction.xa.XAResource;

/**
 * An XA session: transacted, but its transaction is driven by a transaction manager through
 * {@link #getXAResource()}. Outside a branch it sends and acknowledges at once, as a
 * non-transacted session would (what Artemis does too).
 */
final class RowMQXASession extends RowMQSession implements XASession, XAQueueSession, XATopicSession {
    private final RowMQXAResource resource;

    RowMQXASession(RowMQConnection connection, SessionDomain domain) {
        super(connection, Session.SESSION_TRANSACTED, domain);
        this.resource = new RowMQXAResource(this);
    }

    @Override
    int effectiveMode() {
        return resource.inBranch() ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE;
    }

    @Override
    public Session getSession() throws JMSException {
        checkOpen();
        return this;
    }

    @Override
    public XAResource getXAResource() {
        return resource;
    }

    @Override
    public QueueSession getQueueSession() throws JMSException {
        checkOpen();
        return this;
    }

    @Override
    public TopicSession getTopicSession() throws JMSException {
        checkOpen();
        return this;
    }

    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return true;
    }

    @Override
    public void commit() throws JMSException {
        checkOpen();
        throw new TransactionInProgressException("An XA session is committed by its transaction manager through"
                + " its XAResource, not by Session.commit()");
    }

    @Override
    public void rollback() throws JMSException {
        checkOpen();
        throw new TransactionInProgressException("An XA session is rolled back by its transaction manager through"
                + " its XAResource, not by Session.rollback()");
    }
}
