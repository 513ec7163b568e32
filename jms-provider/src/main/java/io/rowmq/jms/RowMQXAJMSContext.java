package io.rowmq.jms;

import jakarta.jms.JMSContext;
import jakarta.jms.Session;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.XAJMSContext;

import javax.transaction.xa.XAResource;

/** The simplified API over one XA session: its XAResource drives the transaction. */
final class RowMQXAJMSContext extends RowMQJMSContext implements XAJMSContext {

    RowMQXAJMSContext(RowMQConnection connection) {
        super(connection, Session.SESSION_TRANSACTED, true);
    }

    @Override
    RowMQSession newSession() {
        return JmsErrors.unchecked(() -> (RowMQSession) ((RowMQXAConnection) connection()).createXASession());
    }

    @Override
    public JMSContext getContext() {
        return this;
    }

    @Override
    public XAResource getXAResource() {
        return ((RowMQXASession) session()).getXAResource();
    }

    @Override
    public boolean getTransacted() {
        session();
        return true;
    }

    @Override
    public void commit() {
        throw new TransactionInProgressRuntimeException("An XA context is committed through its XAResource");
    }

    @Override
    public void rollback() {
        throw new TransactionInProgressRuntimeException("An XA context is rolled back through its XAResource");
    }
}
