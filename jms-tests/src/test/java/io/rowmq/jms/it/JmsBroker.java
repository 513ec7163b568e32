package io.rowmq.jms.it;

import io.rowmq.broker.EngineSettings;
import io.rowmq.broker.MySqlBrokerEngine;
import io.rowmq.broker.net.BrokerServer;
import io.rowmq.broker.net.ServerSettings;
import io.rowmq.broker.store.Database;
import io.rowmq.broker.testing.TestDatabase;
import io.rowmq.jms.RowMQConnectionFactory;

/**
 * A real broker in this JVM (engine + Netty server on an ephemeral loopback port) over a fresh
 * database of the shared embedded MariaDB; {@link #restart()} stops and starts it on the same
 * database and port, as an operator's restart would.
 */
final class JmsBroker implements AutoCloseable {
    private final TestDatabase database = TestDatabase.create();
    private Database pool;
    private MySqlBrokerEngine engine;
    private BrokerServer server;
    private int port;

    JmsBroker() {
        start(0);
    }

    private void start(int onPort) {
        pool = Database.open(database.jdbcUrl(), database.user(), database.password(), 8, 5000);
        engine = MySqlBrokerEngine.open(pool.dataSource(), EngineSettings.defaults("jms-it"));
        server = BrokerServer.start(engine, new ServerSettings("127.0.0.1", onPort, 16 << 20, "jms-it"));
        port = server.port();
    }

    int port() {
        return port;
    }

    String url() {
        return "rowmq://127.0.0.1:" + port;
    }

    RowMQConnectionFactory factory() {
        return new RowMQConnectionFactory(url());
    }

    RowMQConnectionFactory factory(String options) {
        return new RowMQConnectionFactory(url() + "?" + options);
    }

    TestDatabase database() {
        return database;
    }

    /** Stops the broker (connections are dropped) and starts it again on the same database and port. */
    void restart() {
        stop();
        start(port);
    }

    private void stop() {
        server.close();
        engine.close();
        pool.close();
    }

    @Override
    public void close() {
        stop();
        database.close();
    }
}
