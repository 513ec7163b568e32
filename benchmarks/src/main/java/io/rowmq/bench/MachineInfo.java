package io.rowmq.bench;

import io.rowmq.bench.raw.RawDatabase;

import java.sql.SQLException;
import java.util.Locale;

/** What the figures were measured on: JVM, cores, heap limit, database server and its durability settings. */
public final class MachineInfo {
    private MachineInfo() {
    }

    public static String describe(RawDatabase database) throws SQLException {
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "JVM: %s %s (%s), %d cores visible, max heap %d MiB%n"
                        + "OS: %s %s %s%n"
                        + "Database: MariaDB %s, innodb_flush_log_at_trx_commit=%s, sync_binlog=%s, log_bin=%s,"
                        + " innodb_buffer_pool_size=%s MiB, innodb_doublewrite=%s%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                System.getProperty("java.vm.vendor"), rt.availableProcessors(), rt.maxMemory() / (1024 * 1024),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                database.queryValue("@@version"), database.queryValue("@@innodb_flush_log_at_trx_commit"),
                database.queryValue("@@sync_binlog"), database.queryValue("@@log_bin"),
                Long.parseLong(database.queryValue("@@innodb_buffer_pool_size")) / (1024 * 1024),
                database.queryValue("@@innodb_doublewrite"));
    }
}
