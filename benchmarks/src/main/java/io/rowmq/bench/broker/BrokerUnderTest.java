package io.rowmq.bench.broker;

import io.rowmq.broker.EngineSettings;
import io.rowmq.broker.MySqlBrokerEngine;
import io.rowmq.broker.net.BrokerServer;
import io.rowmq.broker.net.ServerSettings;
import io.rowmq.broker.store.Database;
import io.rowmq.jms.provider.ClientOptions;
import io.rowmq.jms.provider.IoTransport;
import io.rowmq.jms.provider.RowMQClient;

import java.io.IOException;

/**
 * The broker as production runs it, inside this JVM: the connection pool, the MySQL storage
 * engine with default settings and the Netty server on a loopback port.
 */
public final class BrokerUnderTest implements AutoCloseable {
    static final String BROKER_ID = "bench";
    /** Pool size of the broker's store: enough for 16 producers' queues plus reads and offsets. */
    static final int MAX_CONNECTIONS = 32;

    private final Database database;
    private final MySqlBrokerEngine engine;
    private final BrokerServer server;
    private final IoTransport transport;

    private BrokerUnderTest(Database database, MySqlBrokerEngine engine, BrokerServer server, IoTransport transport) {
        this.database = database;
        this.engine = engine;
        this.server = server;
        this.transport = transport;
    }

    /** Starts the broker; it and every client {@link #connect connected} to it use {@code transport}. */
    public static BrokerUnderTest start(String jdbcUrl, String user, String password, IoTransport transport) {
        Database database = Database.open(jdbcUrl, user, password, MAX_CONNECTIONS, 5_000);
        MySqlBrokerEngine engine = null;
        try {
            engine = MySqlBrokerEngine.open(database.dataSource(), EngineSettings.defaults(BROKER_ID));
            BrokerServer server = BrokerServer.start(engine, ServerSettings.loopback(BROKER_ID).withTransport(transport));
            System.out.println("Transport: broker and clients over " + server.transport() + " (--transport "
                    + transport + ")");
            return new BrokerUnderTest(database, engine, server, transport);
        } catch (RuntimeException e) {
            if (engine != null) {
                engine.close();
            }
            database.close();
            throw e;
        }
    }

    /** A new client connection, as one producer or consumer of an application would have. */
    public RowMQClient connect(String clientId) throws IOException {
        return RowMQClient.connect("127.0.0.1", server.port(), ClientOptions.defaults().withClientId(clientId)
                .withTransport(transport));
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            try {
                engine.close();
            } finally {
                database.close();
            }
        }
    }
}
