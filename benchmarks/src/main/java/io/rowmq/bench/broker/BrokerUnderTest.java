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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    /** One server per transport asked for, all over the same engine; the first is the default. */
    private final Map<IoTransport, BrokerServer> servers;
    private final IoTransport defaultTransport;

    private BrokerUnderTest(Database database, MySqlBrokerEngine engine, Map<IoTransport, BrokerServer> servers,
                            IoTransport defaultTransport) {
        this.database = database;
        this.engine = engine;
        this.servers = servers;
        this.defaultTransport = defaultTransport;
    }

    /** Starts the broker; it and every client {@link #connect connected} to it use {@code transport}. */
    public static BrokerUnderTest start(String jdbcUrl, String user, String password, IoTransport transport) {
        return start(jdbcUrl, user, password, List.of(transport));
    }

    /**
     * Starts one engine with a server per transport (each on its own loopback port), so the
     * transports can be compared side by side; clients use the transport of the server they reach.
     */
    public static BrokerUnderTest start(String jdbcUrl, String user, String password, List<IoTransport> transports) {
        Database database = Database.open(jdbcUrl, user, password, MAX_CONNECTIONS, 5_000);
        MySqlBrokerEngine engine = null;
        Map<IoTransport, BrokerServer> servers = new LinkedHashMap<>();
        try {
            engine = MySqlBrokerEngine.open(database.dataSource(), EngineSettings.defaults(BROKER_ID));
            for (IoTransport transport : transports) {
                BrokerServer server = BrokerServer.start(engine,
                        ServerSettings.loopback(BROKER_ID).withTransport(transport));
                servers.put(transport, server);
                System.out.println("Transport: broker and clients over " + server.transport() + " (--transport "
                        + transport + ")");
            }
            return new BrokerUnderTest(database, engine, servers, transports.get(0));
        } catch (RuntimeException e) {
            servers.values().forEach(BrokerServer::close);
            if (engine != null) {
                engine.close();
            }
            database.close();
            throw e;
        }
    }

    /** The loopback port of the default transport's server, for JMS clients. */
    public int port() {
        return servers.get(defaultTransport).port();
    }

    /** A new client connection, as one producer or consumer of an application would have. */
    public RowMQClient connect(String clientId) throws IOException {
        return connect(clientId, defaultTransport);
    }

    /** A new client connection over {@code transport}, to the server of that transport. */
    public RowMQClient connect(String clientId, IoTransport transport) throws IOException {
        BrokerServer server = servers.get(transport);
        if (server == null) {
            throw new IllegalArgumentException("No server over " + transport + "; started: " + servers.keySet());
        }
        return RowMQClient.connect("127.0.0.1", server.port(), ClientOptions.defaults().withClientId(clientId)
                .withTransport(transport));
    }

    @Override
    public void close() {
        try {
            servers.values().forEach(BrokerServer::close);
        } finally {
            try {
                engine.close();
            } finally {
                database.close();
            }
        }
    }
}
