package io.rowmq.tck;

import java.util.List;

/**
 * Starts or stops the RowMQ broker that the TCK runs against. Maven runs it with exec:java in
 * the phases around the integration tests (tck/pom.xml); it can also be run by hand:
 *
 * <pre>
 * BrokerLauncher start --jar rowmq-broker.jar --port 17676 --data-dir DIR --log FILE --pid-file FILE
 *                      [--user NAME:PASSWORD]... [--jvm-arg ARG]... [--start-timeout-s 180]
 *                      [--start-attempts 2]
 * BrokerLauncher stop --pid-file FILE [--stop-timeout-s 60]
 * </pre>
 */
public final class BrokerLauncher {

    static final String USAGE = "Usage: BrokerLauncher start --jar JAR --port N --data-dir DIR --log FILE"
            + " --pid-file FILE [--user NAME:PASSWORD]... [--jvm-arg ARG]... [--start-timeout-s S] [--start-attempts N]"
            + " | BrokerLauncher stop --pid-file FILE [--stop-timeout-s S]";

    private BrokerLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("No command given. " + USAGE);
        }
        LauncherOptions options = LauncherOptions.parse(List.of(args).subList(1, args.length));
        switch (args[0]) {
            case "start" -> BrokerProcess.start(BrokerCommand.from(options), options.path("log"),
                    options.path("pid-file"), options.seconds("start-timeout-s", 180),
                    options.positive("start-attempts", 2));
            case "stop" -> BrokerProcess.stop(options.path("pid-file"), options.seconds("stop-timeout-s", 60));
            default -> throw new IllegalArgumentException("Unknown command '" + args[0] + "'. " + USAGE);
        }
    }
}
