package io.rowmq.jms.it;

import io.rowmq.broker.EngineSettings;
import io.rowmq.broker.MySqlBrokerEngine;
import io.rowmq.broker.admin.PasswordHasher;
import io.rowmq.broker.admin.UserCredential;
import io.rowmq.broker.admin.UserStore;
import io.rowmq.broker.net.Authorizer;
import io.rowmq.broker.net.BrokerServer;
import io.rowmq.broker.net.ServerSecurity;
import io.rowmq.broker.net.ServerSettings;
import io.rowmq.broker.store.Database;
import io.rowmq.broker.testing.TestDatabase;
import io.rowmq.jms.RowMQConnectionFactory;

import java.sql.SQLException;

/**
 * A real broker in this JVM (engine + Netty server on an ephemeral loopback port) over a fresh
 * database of the shared embedded MariaDB; {@link #restart()} stops and starts it on the same
 * database and port, as an operator's restart would.
 */
final class JmsBroker implements AutoCloseable {
    private final TestDatabase database = TestDatabase.create();
    private final boolean withUsers;
    private final boolean allowAnonymous;
    private Database pool;
    private MySqlBrokerEngine engine;
    private BrokerServer server;
    private int port;

    JmsBroker() {
        this(false, true);
    }

    /** A broker that checks passwords against its user table, with users {@code alice:secret} and {@code bob:hunter2}. */
    static JmsBroker withUsers(boolean allowAnonymous) {
        return new JmsBroker(true, allowAnonymous);
    }

    private JmsBroker(boolean withUsers, boolean allowAnonymous) {
        this.withUsers = withUsers;
        this.allowAnonymous = allowAnonymous;
        start(0);
    }

    private void start(int onPort) {
        pool = Database.open(database.jdbcUrl(), database.user(), database.password(), 8, 5000);
        engine = MySqlBrokerEngine.open(pool.dataSource(), EngineSettings.defaults("jms-it"));
        ServerSettings settings = new ServerSettings("127.0.0.1", onPort, 16 << 20, "jms-it");
        server = withUsers ? BrokerServer.start(engine, settings, security()) : BrokerServer.start(engine, settings);
        port = server.port();
    }

    private ServerSecurity security() {
        UserStore users = new UserStore(pool.dataSource(), new PasswordHasher(PasswordHasher.MIN_ITERATIONS));
        try {
            users.setPassword(UserCredential.parse("alice:secret"));
            users.setPassword(UserCredential.parse("bob:hunter2"));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test users", e);
        }
        return ServerSecurity.withUsers(users, allowAnonymous, Authorizer.ALLOW_ALL);
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
