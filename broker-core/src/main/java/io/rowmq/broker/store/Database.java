package io.rowmq.broker.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/** The broker's connection pool to the admin database, with the schema migrated on open. */
public final class Database implements AutoCloseable {
    /**
     * Driver settings every RowMQ connection needs: batched inserts rewritten to multi-row
     * statements, multi-statements so a checkpointing group commit is one round trip
     * (AppendTransaction), and server-side prepared statements: a 1 KiB payload then travels as
     * bytes instead of an escaped string literal, about 70 us less per single-row insert here
     * (docs/decisions.md D12). Multi-row inserts go as text the broker builds (InsertText, D8).
     * Public so the benchmark's raw baseline uses the same settings.
     */
    public static final String URL_OPTIONS = "rewriteBatchedStatements=true&allowMultiQueries=true&cachePrepStmts=true&prepStmtCacheSize=500"
            + "&useServerPrepStmts=true&useLocalSessionState=true&elideSetAutoCommits=true"
            + "&connectTimeout=5000&socketTimeout=30000&allowPublicKeyRetrieval=true&useSSL=false";

    private final HikariDataSource pool;

    private Database(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * Opens a pool of at most {@code maxConnections} and migrates the admin schema.
     *
     * @param connectionTimeoutMs how long a caller waits for a free or new connection before failing
     */
    public static Database open(String jdbcUrl, String user, String password, int maxConnections,
                                long connectionTimeoutMs) {
        HikariDataSource pool = pool("rowmq-store", jdbcUrl, user, password, maxConnections, connectionTimeoutMs);
        try {
            migrate(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool);
    }

    /** A connection pool with RowMQ's driver settings and no schema work: for data nodes. */
    public static HikariDataSource pool(String name, String jdbcUrl, String user, String password, int maxConnections,
                                        long connectionTimeoutMs) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(withOptions(jdbcUrl));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(Math.min(4, maxConnections));
        config.setConnectionTimeout(connectionTimeoutMs);
        config.setValidationTimeout(Math.min(connectionTimeoutMs, 5000));
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }

    static String withOptions(String jdbcUrl) {
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + URL_OPTIONS;
    }

    /** Applies the versioned migrations of the admin schema (module {@code sql}). */
    static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/rowmq")
                .table("schema_version")
                .load()
                .migrate();
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
