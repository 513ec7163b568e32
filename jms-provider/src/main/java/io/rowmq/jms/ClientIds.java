package io.rowmq.jms;

import io.rowmq.jms.provider.Transport;
import jakarta.jms.JMSException;

/** Registers a connection's client id with the broker, which keeps it unique among live connections. */
final class ClientIds {

    private ClientIds() {
    }

    static void claim(Transport transport, String clientId) throws JMSException {
        Await.result("Setting client id '" + clientId + "'", transport.setClientId(clientId));
    }
}
