package io.rowmq.tck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of the broker the TCK runs against: the runnable broker jar in a new JVM,
 * listening on loopback only, with its embedded MariaDB in its own folder.
 *
 * @param jar      the shaded broker jar (broker-core/target/rowmq-broker.jar)
 * @param port     the port clients connect to
 * @param dataDir  the embedded MariaDB's folder, emptied before each start
 * @param jvmArgs  options of the broker's JVM, such as {@code -Xmx1g}
 * @param users    {@code name:password} accounts for the broker's {@code --user} option
 */
record BrokerCommand(Path jar, int port, Path dataDir, List<String> jvmArgs, List<String> users) {

    static BrokerCommand from(LauncherOptions options) {
        return new BrokerCommand(options.path("jar"), options.port("port"), options.path("data-dir"),
                options.all("jvm-arg"), options.all("user"));
    }

    /** The command, with the {@code --user} options or without them (for a broker that has none yet). */
    List<String> toList(boolean withUsers) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--data-dir", dataDir.toString()));
        if (withUsers) {
            for (String user : users) {
                command.add("--user");
                command.add(user);
            }
            // the TCK opens thousands of connections: the default hash cost would add minutes (D15)
            command.addAll(List.of("--password-iterations", "10000"));
        }
        return command;
    }

    /** The command as one line for the log, with the users' passwords hidden. */
    static String describe(List<String> command) {
        List<String> shown = new ArrayList<>(command);
        for (int i = 1; i < shown.size(); i++) {
            if (shown.get(i - 1).equals("--user")) {
                shown.set(i, shown.get(i).replaceFirst(":.*", ":***"));
            }
        }
        return String.join(" ", shown);
    }
}
