package io.rowmq.jms;

import jakarta.jms.JMSException;

/** The connection that created a temporary destination: it alone may consume from and delete it. */
public interface TemporaryDestinationOwner {

    /**
     * Deletes the destination.
     *
     * @throws jakarta.jms.IllegalStateException when a consumer of this connection still uses it
     */
    void deleteTemporary(RowMQDestination destination) throws JMSException;
}
