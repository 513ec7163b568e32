package io.rowmq.jms.message;

import jakarta.jms.JMSException;

/**
 * What {@link jakarta.jms.Message#acknowledge()} does for a received message: set by the
 * consumer that delivered it, so that a message stays a plain value the facade can test alone.
 */
@FunctionalInterface
public interface MessageAcknowledger {
    /** Acknowledges, as the session's acknowledge mode says (client acknowledge: all consumed so far). */
    void acknowledge() throws JMSException;
}
