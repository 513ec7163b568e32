package io.rowmq.broker.net;

import io.rowmq.broker.BrokerEngine;
import io.rowmq.broker.testing.InMemoryBrokerEngine;
import io.rowmq.jms.provider.ClientOptions;
import io.rowmq.jms.provider.RowMQClient;

import java.io.IOException;

/** A broker engine with a server on an ephemeral loopback port, and clients to it. */
final class ServerFixture implements AutoCloseable {
    private final BrokerEngine engine;
    private final BrokerServer server;

    ServerFixture(int maxFrameSize) {
        engine = new InMemoryBrokerEngine();
        server = BrokerServer.start(engine, new ServerSettings("127.0.0.1", 0, maxFrameSize, "it-broker"));
    }

    BrokerServer server() {
        return server;
    }

    BrokerEngine engine() {
        return engine;
    }

    RowMQClient connect() throws IOException {
        return RowMQClient.connect("127.0.0.1", server.port(),
                ClientOptions.defaults().withClientId("it-client").withRequestTimeoutMs(10_000));
    }

    RawConnection raw() throws IOException {
        return new RawConnection(server.port());
    }

    @Override
    public void close() {
        server.close();
        engine.close();
    }
}
