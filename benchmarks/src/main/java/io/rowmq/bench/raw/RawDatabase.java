package io.rowmq.bench.raw;

import io.rowmq.broker.store.Database;

import io.rowmq.broker.EngineSettings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Plain JDBC connections (MySQL Connector/J) to the benchmark database, and queue tables made
 * from the template resource {@code rowmq/queue-table.sql} that the broker uses too.
 */
public final class RawDatabase {
    /** Exactly the broker's driver settings, so the baseline is the database at its best through the same driver. */
    static final String URL_OPTIONS = Database.URL_OPTIONS;
    private static final String TEMPLATE = "rowmq/queue-table.sql";

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String template;

    public RawDatabase(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + URL_OPTIONS;
        this.user = user;
        this.password = password;
        this.template = readTemplate();
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /**
     * Drops and creates {@code table} from the queue-table template, partitioned into segments
     * of the broker's default size, as the broker creates its queue tables.
     */
    public void createQueueTable(String table) throws SQLException {
        long segment = EngineSettings.defaults("bench").segmentSize();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
            statement.execute(template.replace("{table}", table).replace("{segment}", Long.toString(segment)));
        }
    }

    public void dropTable(String table) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
        }
    }

    /** One value of a server variable or function, e.g. {@code @@version}. */
    public String queryValue(String expression) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             var rs = statement.executeQuery("SELECT " + expression)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String readTemplate() {
        try (InputStream in = RawDatabase.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("Queue table template '" + TEMPLATE + "' is not on the classpath"
                        + " (module sql)");
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return sql.lines().filter(line -> !line.trim().startsWith("--")).reduce("", (a, b) -> a + b + "\n").trim();
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the queue table template '" + TEMPLATE + "'", e);
        }
    }
}
