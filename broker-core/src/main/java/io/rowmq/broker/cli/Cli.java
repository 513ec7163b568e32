package io.rowmq.broker.cli;

import io.rowmq.broker.CommandLine;
import io.rowmq.jms.provider.ClientOptions;
import io.rowmq.jms.provider.RowMQClient;
import io.rowmq.protocol.BrokerError;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * The command-line client: parses a command, connects to the broker, runs the command and
 * maps the outcome to an exit code (0 done, 1 failed, 2 bad command line). Every failure is
 * one line on standard error that says what failed and what to do.
 */
public final class Cli {
    /** The first words that make {@code rowmq-broker.jar} a client instead of a broker. */
    public static final List<String> COMMANDS = List.of("topic", "send", "receive", "user");
    /** The environment variable read for the password of {@code --login} when {@code --login-password} is not given. */
    public static final String PASSWORD_ENV = "ROWMQ_PASSWORD";
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    public static final String USAGE = String.join(System.lineSeparator(),
            "Commands (all take --broker rowmq://host:port, default " + BrokerAddress.DEFAULT_URL + "):",
            "  topic create NAME [--queues N] [--max-attempts N]  create a topic",
            "  topic list                                         list the topics",
            "  topic delete NAME                                  delete a topic and its messages",
            "  send TOPIC [--count N] [--size BYTES] [--batch B]  send N persistent test messages (default 1, 100 bytes,",
            "                                                     batches of 100)",
            "  receive TOPIC --group G [--count N] [--timeout-ms T] [--print]",
            "                                                     receive and acknowledge messages as queue group G,",
            "                                                     until N arrived or none came for T ms (default 5000)",
            "  user add NAME [--password P | --password-stdin]    create a user, or change its password (asks for the",
            "                                                     password on the terminal when neither is given)",
            "  user list                                          list the users",
            "  user remove NAME                                   remove a user",
            "Connect as a user with --login NAME and --login-password P (default: $ROWMQ_PASSWORD, else asked",
            "on the terminal); without --login the CLI connects anonymously.");

    private static final Set<String> OPTIONS = Set.of("broker", "queues", "max-attempts", "count", "size", "batch",
            "group", "timeout-ms", "login", "login-password", "password");
    private static final Set<String> FLAGS = Set.of("help", "print", "password-stdin");
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private Cli() {
    }

    public static boolean isCommand(String word) {
        return COMMANDS.contains(word);
    }

    /** Runs one command, reading passwords from the process's standard input or terminal; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    /** Runs one command, reading {@code --password-stdin} from {@code in}; returns the exit code. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        CliCommand command;
        List<BrokerAddress> brokers;
        ClientOptions options;
        try {
            CommandLine cl = CommandLine.parse(args, OPTIONS, FLAGS);
            if (cl.has("help")) {
                out.println(USAGE);
                return EXIT_OK;
            }
            PasswordSource passwords = new PasswordSource(in, System.console());
            options = options(cl, passwords);
            command = command(cl, passwords);
            brokers = BrokerAddress.parseUrl(cl.string("broker", BrokerAddress.DEFAULT_URL));
        } catch (IllegalArgumentException e) {
            err.println("rowmq: " + e.getMessage() + ". Run with --help for usage.");
            return EXIT_USAGE;
        }
        try (RowMQClient client = connect(brokers, options)) {
            return command.run(client, out);
        } catch (CliFailure e) {
            err.println("rowmq: " + e.getMessage());
            return EXIT_FAILED;
        } catch (RuntimeException e) {
            err.println("rowmq: " + String.join(" ", args) + " failed unexpectedly: " + e);
            return EXIT_FAILED;
        } finally {
            out.flush();
        }
    }

    private static CliCommand command(CommandLine cl, PasswordSource passwords) {
        String name = cl.positional(0);
        if (name == null || !isCommand(name)) {
            throw new IllegalArgumentException("Unknown command '" + name + "' (commands: " + String.join(", ", COMMANDS) + ")");
        }
        return switch (name) {
            case "topic" -> TopicCommand.from(cl);
            case "send" -> SendCommand.from(cl);
            case "user" -> UserCommand.from(cl, passwords);
            default -> ReceiveCommand.from(cl);
        };
    }

    /** The TOPIC word of {@code send} and {@code receive}; rejects a missing or extra word. */
    static String topicArgument(CommandLine cl, String command) {
        String topic = cl.positional(1);
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException(command + " needs a TOPIC");
        }
        if (cl.positional().size() > 2) {
            throw new IllegalArgumentException(command + " takes one TOPIC, got also '" + cl.positional(2) + "'");
        }
        return topic;
    }

    /** The client id, the short connect timeout, and the user of {@code --login} with its password. */
    private static ClientOptions options(CommandLine cl, PasswordSource passwords) {
        ClientOptions defaults = ClientOptions.defaults();
        String user = cl.string("login", null);
        String password = null;
        if (user != null) {
            password = cl.string("login-password", System.getenv(PASSWORD_ENV));
            if (password == null) {
                password = passwords.prompt("Password of " + user + " on the broker: ",
                        "--login-password P or $" + PASSWORD_ENV, false);
            }
        } else if (cl.isSet("login-password")) {
            throw new IllegalArgumentException("--login-password needs --login NAME");
        }
        return new ClientOptions("rowmq-cli-" + ProcessHandle.current().pid(), user, password, CONNECT_TIMEOUT_MS,
                defaults.requestTimeoutMs(), defaults.maxFrameSize());
    }

    /** Connects to the first broker of the list that answers. */
    private static RowMQClient connect(List<BrokerAddress> brokers, ClientOptions options) {
        IOException last = null;
        for (BrokerAddress broker : brokers) {
            try {
                return RowMQClient.connect(broker.host(), broker.port(), options);
            } catch (BrokerError e) {
                throw Replies.failure("connect to " + broker, e);
            } catch (IOException e) {
                last = e;
            }
        }
        throw new CliFailure("Cannot reach the RowMQ broker at " + String.join(",", brokers.stream()
                .map(BrokerAddress::toString).toList()) + ": " + last.getMessage()
                + ". Is it running? Start one with: java -jar rowmq-broker.jar", last);
    }
}
