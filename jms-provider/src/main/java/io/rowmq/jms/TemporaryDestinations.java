package io.rowmq.jms;

import io.rowmq.jms.provider.Transport;
import jakarta.jms.JMSException;

/** Creates and drops the broker topics behind temporary queues and topics. */
final class TemporaryDestinations {

    private TemporaryDestinations() {
    }

    static void create(Transport transport, RowMQDestination destination) throws JMSException {
        Await.result("Creating temporary destination " + destination,
                transport.createTemporaryTopic(destination.brokerTopic(), 1));
    }

    static void drop(Transport transport, RowMQDestination destination) throws JMSException {
        Await.result("Deleting temporary destination " + destination, transport.deleteTopic(destination.brokerTopic()));
    }
}
