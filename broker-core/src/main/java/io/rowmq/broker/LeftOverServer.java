package io.rowmq.broker;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The embedded MariaDB runs as a child process. When the broker is killed with SIGKILL, that
 * child keeps running and holds the data folder's InnoDB locks, so the next start would fail.
 * Before starting, the server left behind on the same data folder is shut down cleanly (SIGTERM
 * lets MariaDB flush), and killed only if it does not stop within a minute.
 */
final class LeftOverServer {
    private static final Logger LOG = Logger.getLogger(LeftOverServer.class.getName());

    private LeftOverServer() {
    }

    /** Stops every mariadbd process whose data folder is {@code dataDir}; returns how many. */
    static int stopOn(Path dataDir) {
        String argument = "--datadir=" + dataDir.toAbsolutePath();
        List<ProcessHandle> servers = ProcessHandle.allProcesses()
                .filter(process -> process.info().arguments()
                        .map(args -> List.of(args).contains(argument)).orElse(false))
                .filter(process -> process.info().command().map(command -> command.endsWith("mariadbd")).orElse(false))
                .toList();
        for (ProcessHandle server : servers) {
            LOG.warning(() -> "A MariaDB server (pid " + server.pid() + ") left running on " + dataDir
                    + " by a broker that did not stop cleanly is being shut down before the new start");
            server.destroy();
            try {
                server.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception notStopped) {
                LOG.warning(() -> "MariaDB pid " + server.pid() + " did not stop within 60 s of SIGTERM ("
                        + notStopped + "); killing it, InnoDB recovers at the next start");
                server.destroyForcibly();
                server.onExit().join();
            }
        }
        return servers.size();
    }
}
