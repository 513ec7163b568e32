package io.rowmq.broker.net;

import io.rowmq.broker.EngineSettings;
import io.rowmq.broker.MySqlBrokerEngine;
import io.rowmq.broker.store.Database;
import io.rowmq.broker.testing.TestDatabase;
import io.rowmq.jms.provider.ClientOptions;
import io.rowmq.jms.provider.IoTransport;
import io.rowmq.jms.provider.RowMQClient;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real engine on a fresh database, a server for it on an ephemeral loopback port, and
 * clients to it. The engine runs on the system clock: long polls here time out for real.
 */
final class ServerFixture implements AutoCloseable {
    private final TestDatabase database = TestDatabase.create();
    private final Database pool = Database.open(database.jdbcUrl(), database.user(), database.password(), 8, 5000);
    private final MySqlBrokerEngine engine = MySqlBrokerEngine.open(pool.dataSource(),
            EngineSettings.defaults("it-broker"));
    private final BrokerServer server;
    private final AtomicInteger clientIds = new AtomicInteger();

    ServerFixture(int maxFrameSize) {
        this(maxFrameSize, IoTransport.AUTO);
    }

    ServerFixture(int maxFrameSize, IoTransport transport) {
        server = BrokerServer.start(engine, new ServerSettings("127.0.0.1", 0, maxFrameSize, "it-broker", transport));
    }

    BrokerServer server() {
        return server;
    }

    /** A client with a client id of its own: a broker lets one live connection hold a client id. */
    RowMQClient connect() throws IOException {
        return connect("it-client-" + clientIds.incrementAndGet());
    }

    /** A client with the given client id, or none for null. */
    RowMQClient connect(String clientId) throws IOException {
        return RowMQClient.connect("127.0.0.1", server.port(),
                ClientOptions.defaults().withClientId(clientId).withRequestTimeoutMs(10_000));
    }

    RowMQClient connect(IoTransport transport) throws IOException {
        return RowMQClient.connect("127.0.0.1", server.port(), ClientOptions.defaults()
                .withClientId("it-client-" + clientIds.incrementAndGet()).withRequestTimeoutMs(10_000)
                .withTransport(transport));
    }

    MySqlBrokerEngine engine() {
        return engine;
    }

    TestDatabase database() {
        return database;
    }

    RawConnection raw() throws IOException {
        return new RawConnection(server.port());
    }

    @Override
    public void close() {
        server.close();
        engine.close();
        pool.close();
        database.close();
    }
}
