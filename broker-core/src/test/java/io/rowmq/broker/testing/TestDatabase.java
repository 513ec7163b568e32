package io.rowmq.broker.testing;

import io.rowmq.broker.EmbeddedMariaDb;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh database for one test class on a real server: the one named by the environment
 * variable {@code ROWMQ_TEST_JDBC_URL} (a server URL such as {@code jdbc:mysql://127.0.0.1:3306/},
 * with {@code ROWMQ_TEST_JDBC_USER} and {@code ROWMQ_TEST_JDBC_PASSWORD}), or else an embedded
 * MariaDB started once per JVM and stopped when the JVM exits.
 */
public final class TestDatabase implements AutoCloseable {
    private static final String EXTERNAL_URL = System.getenv("ROWMQ_TEST_JDBC_URL");
    private static EmbeddedMariaDb embedded;

    private final String serverUrl;
    private final String name;

    private TestDatabase(String serverUrl, String name) {
        this.serverUrl = serverUrl;
        this.name = name;
    }

    public static TestDatabase create() {
        String name = "t_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        String serverUrl = serverUrl();
        TestDatabase db = new TestDatabase(serverUrl, name);
        db.execute("CREATE DATABASE " + name);
        return db;
    }

    /** The shared embedded server (started on first use), for tests that need to stop or inspect it. */
    public static synchronized String serverUrl() {
        if (EXTERNAL_URL != null && !EXTERNAL_URL.isBlank()) {
            return EXTERNAL_URL.endsWith("/") ? EXTERNAL_URL : EXTERNAL_URL + "/";
        }
        if (embedded == null) {
            Path folder = Path.of("target", "mariadb-test-" + ProcessHandle.current().pid());
            embedded = EmbeddedMariaDb.start(folder, 0);
            EmbeddedMariaDb started = embedded;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-mariadb-stop"));
        }
        return "jdbc:mysql://127.0.0.1:" + embedded.port() + "/";
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return serverUrl + name;
    }

    public String user() {
        String user = System.getenv("ROWMQ_TEST_JDBC_USER");
        return user == null || EXTERNAL_URL == null ? "root" : user;
    }

    public String password() {
        String password = System.getenv("ROWMQ_TEST_JDBC_PASSWORD");
        return password == null || EXTERNAL_URL == null ? "" : password;
    }

    /** Runs one statement on this test's database server. */
    public void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(serverUrl + "?allowPublicKeyRetrieval=true&useSSL=false",
                user(), password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test database statement failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** A plain JDBC connection to this test's database, for assertions in SQL. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl() + "?allowPublicKeyRetrieval=true&useSSL=false", user(), password());
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name);
    }
}
