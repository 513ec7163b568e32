package io.rowmq.broker;

import io.rowmq.broker.admin.DataNodes;
import io.rowmq.broker.admin.PasswordHasher;
import io.rowmq.broker.admin.UserCredential;
import io.rowmq.broker.admin.UserStore;
import io.rowmq.broker.net.Authorizer;
import io.rowmq.broker.net.BrokerServer;
import io.rowmq.broker.net.ServerSecurity;
import io.rowmq.broker.net.ServerSettings;
import io.rowmq.broker.store.Database;

import java.sql.SQLException;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running broker: its store (the embedded MariaDB or an external database), the storage
 * engine over it, its users and the network server in front. Started in that order by
 * {@link #start(BrokerConfig)}; {@link #close()} stops them in reverse, logging each step.
 */
public final class Broker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Broker.class.getName());

    private final BrokerConfig config;
    private final EmbeddedMariaDb embeddedDb;
    private final Database database;
    private final BrokerEngine engine;
    private final ServerSecurity security;
    private final BrokerServer server;
    private final String jdbcUrl;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    private Broker(BrokerConfig config, EmbeddedMariaDb embeddedDb, Database database, BrokerEngine engine,
                   ServerSecurity security, BrokerServer server, String jdbcUrl) {
        this.config = config;
        this.embeddedDb = embeddedDb;
        this.database = database;
        this.engine = engine;
        this.security = security;
        this.server = server;
        this.jdbcUrl = jdbcUrl;
    }

    /**
     * Starts the store, the engine and the server; on failure closes what was started and
     * throws an {@link IllegalStateException} that says which step failed and why.
     */
    public static Broker start(BrokerConfig config) {
        LOG.info(() -> "Starting " + config);
        EmbeddedMariaDb embeddedDb = null;
        Database database = null;
        BrokerEngine engine = null;
        ServerSecurity security = null;
        Thread stopDuringStart = null;
        try {
            String url = config.jdbcUrl();
            String user = config.jdbcUser();
            String password = config.jdbcPassword();
            if (config.embedded()) {
                embeddedDb = EmbeddedMariaDb.start(config.dataDir(), config.embeddedDbPort(), false);
                // until the broker is started, no one else would stop this server if the JVM exits
                stopDuringStart = new Thread(embeddedDb::close, "rowmq-stop-embedded-during-start");
                Runtime.getRuntime().addShutdownHook(stopDuringStart);
                embeddedDb.createDatabase(BrokerConfig.EMBEDDED_DATABASE);
                url = embeddedDb.jdbcUrl(BrokerConfig.EMBEDDED_DATABASE);
                user = "root";
                password = "";
                logEmbeddedAccess(embeddedDb, url);
            }
            database = openDatabase(config, url, user, password);
            engine = MySqlBrokerEngine.open(database.dataSource(), config.engineSettings(),
                    DataNodes.open(database.dataSource(), config.dataNodes(), config.poolSize(), config.storeTimeoutMs()));
            security = openSecurity(config.security(), database);
            BrokerServer server = BrokerServer.start(engine, new ServerSettings(config.host(), config.port(),
                    config.maxFrameSize(), config.brokerId(), config.transport()), security);
            removeHook(stopDuringStart);
            return new Broker(config, embeddedDb, database, engine, security, server, url);
        } catch (RuntimeException e) {
            closeQuietly(security, "password checks");
            closeQuietly(engine, "storage engine");
            closeQuietly(database, "database pool");
            closeQuietly(embeddedDb, "embedded MariaDB");
            removeHook(stopDuringStart);
            throw e;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            if (hook != null) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        } catch (IllegalStateException e) {
            // the JVM is shutting down already: the hook runs, and closing twice does nothing
        }
    }

    private static Database openDatabase(BrokerConfig config, String url, String user, String password) {
        try {
            return Database.open(url, user, password, config.poolSize(), config.storeTimeoutMs());
        } catch (RuntimeException e) {
            throw new IllegalStateException("Could not open the store at " + BrokerConfig.redact(url) + " as user '"
                    + user + "': " + rootMessage(e) + ". Check that the database is running and that --jdbc-url, "
                    + "--jdbc-user and --jdbc-password are right.", e);
        }
    }

    /** Creates or updates the users given at start, then checks passwords against the admin schema. */
    private static ServerSecurity openSecurity(SecuritySettings settings, Database database) {
        UserStore users = new UserStore(database.dataSource(), new PasswordHasher(settings.passwordIterations()));
        int count;
        try {
            for (UserCredential user : settings.users()) {
                boolean created = users.setPassword(user);
                LOG.info(() -> (created ? "Created user '" : "Set the password of user '") + user.name()
                        + "' (--user)");
            }
            count = users.count();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set the users given by --user in the admin schema: "
                    + rootMessage(e), e);
        }
        LOG.info(() -> "Authentication: users in the admin schema " + count + ", anonymous connections "
                + (settings.allowAnonymous() ? "allowed" : "refused") + " (--allow-anonymous)");
        return ServerSecurity.withUsers(users, settings.allowAnonymous(), Authorizer.ALLOW_ALL);
    }

    private static void logEmbeddedAccess(EmbeddedMariaDb db, String url) {
        LOG.info(() -> "Store JDBC URL: " + url + " (user root, no password). SQL shell: "
                + db.dataDir().getParent().resolve("engine").resolve("bin").resolve("mariadb").normalize()
                + " -h127.0.0.1 -P" + db.port() + " -uroot " + BrokerConfig.EMBEDDED_DATABASE);
    }

    /** The line printed once the broker accepts connections. */
    public String readyLine() {
        return "RowMQ broker " + config.brokerId() + " listening on " + config.host() + ":" + port() + ", store "
                + config.storeDescription();
    }

    /** The port the server listens on (the chosen one when configured with 0). */
    public int port() {
        return server.port();
    }

    /** The JDBC URL of the store (for the embedded MariaDB, the one it was given). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public BrokerConfig config() {
        return config;
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /**
     * Stops accepting connections, closes the engine (it finishes in-flight commits and
     * releases its leases), closes the database pool and stops the embedded MariaDB.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            LOG.info(() -> "Stopping broker " + config.brokerId() + ": closing the server on port " + port());
            closeQuietly(server, "server");
            closeQuietly(security, "password checks");
            LOG.info("Closing the storage engine: finishing in-flight commits, releasing leases");
            closeQuietly(engine, "storage engine");
            closeQuietly(database, "database pool");
            if (embeddedDb != null) {
                LOG.info(() -> "Stopping the embedded MariaDB on port " + embeddedDb.port());
                closeQuietly(embeddedDb, "embedded MariaDB");
            }
            LOG.info(() -> "Broker " + config.brokerId() + " stopped");
        } finally {
            closed.countDown();
        }
    }

    private static void closeQuietly(AutoCloseable resource, String what) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Closing the " + what + " failed: " + e.getMessage(), e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : e.getMessage() + " (cause: " + message + ")";
    }
}
