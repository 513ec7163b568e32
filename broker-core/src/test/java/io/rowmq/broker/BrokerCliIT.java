package io.rowmq.broker;

import io.rowmq.broker.cli.Cli;
import io.rowmq.broker.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runnable jar's two faces end to end: {@code BrokerMain} starts a broker, the CLI commands talk to it. */
@Timeout(180)
class BrokerCliIT {
    private static TestDatabase db;
    private static Broker broker;
    private static String url;

    @BeforeAll
    static void startBroker() {
        db = TestDatabase.create();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        broker = BrokerMain.start(new String[] {"--port", "0", "--host", "127.0.0.1", "--broker-id", "cli-it",
                "--jdbc-url", db.jdbcUrl(), "--jdbc-user", db.user(), "--jdbc-password", db.password()},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        url = "rowmq://127.0.0.1:" + broker.port();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("RowMQ broker cli-it listening on 127.0.0.1:"
                + broker.port() + ", store " + db.jdbcUrl() + System.lineSeparator());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
        db.close();
    }

    @Test
    void createsSendsReceivesListsAndDeletesATopic() throws Exception {
        assertThat(cli("topic", "create", "orders", "--queues", "2")).isEqualTo(
                ok("Created topic orders with 2 queues (max attempts 3)"));
        assertThat(cli("topic", "list").out()).contains("orders").containsPattern("orders\\s+2\\s+3");
        assertThat(cli("send", "orders", "--count", "250", "--size", "64", "--batch", "40"))
                .isEqualTo(ok("Confirmed 250 of 250 messages to orders"));
        assertThat(storedRows("orders")).isEqualTo(250);

        assertThat(cli("receive", "orders", "--group", "billing", "--count", "250"))
                .isEqualTo(ok("Received and acknowledged 250 messages from orders (group billing)"));
        assertThat(cli("receive", "orders", "--group", "billing", "--timeout-ms", "300"))
                .isEqualTo(ok("Received and acknowledged 0 messages from orders (group billing)"));

        assertThat(cli("topic", "delete", "orders")).isEqualTo(ok("Deleted topic orders"));
        assertThat(cli("topic", "list").out()).doesNotContain("orders");
        Result gone = cli("topic", "delete", "orders");
        assertThat(gone.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(gone.err()).startsWith("rowmq: Could not delete topic 'orders': the broker answered UNKNOWN_TOPIC");
        assertThat(gone.err().lines()).hasSize(1);
    }

    @Test
    void receiveWithACountFailsWhenFewerArrive() {
        cli("send", "short", "--count", "3");
        Result result = cli("receive", "short", "--group", "g", "--count", "5", "--timeout-ms", "500");

        assertThat(result.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(result.out()).isEqualTo("Received and acknowledged 3 messages from short (group g)"
                + System.lineSeparator());
        assertThat(result.err()).contains("Only 3 of 5 messages arrived; none came for 500 ms");
    }

    @Test
    void anUnreachableBrokerIsOneClearLineAndExitCode1() {
        int closedPort = BrokerProcess.freePort();
        Result result = runCli("topic", "list", "--broker", "rowmq://127.0.0.1:" + closedPort);

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).startsWith("rowmq: Cannot reach the RowMQ broker at rowmq://127.0.0.1:" + closedPort)
                .contains("Is it running?");
        assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void aBadCommandLineIsExitCode2() {
        assertThat(runCli("send").code()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(runCli("send").err()).isEqualTo("rowmq: send needs a TOPIC. Run with --help for usage."
                + System.lineSeparator());
        assertThat(runCli("topic", "rename", "x").err()).contains("topic needs one of create, list, delete, was 'rename'");
        assertThat(runCli("send", "t", "--count", "0").err()).contains("--count must be at least 1, was 0");
        assertThat(runCli("receive", "t").err()).contains("receive needs --group NAME");
        assertThatThrownBy(() -> BrokerMain.start(new String[] {"--queues", "0"}, System.out))
                .hasMessage("--queues must be 1..1024, was 0");
        assertThatThrownBy(() -> BrokerMain.start(new String[] {"serve"}, System.out))
                .hasMessage("Unknown command 'serve' (commands: topic, send, receive, user)");
    }

    @Test
    void theFirstUserOfAFreshBrokerIsAddedAnonymouslyAndThenManagesTheOthers() {
        assertThat(cli("user", "list")).isEqualTo(ok("No users"));
        assertThat(cli("user", "add", "root-user", "--password", "first")).isEqualTo(ok("Created user root-user"));

        Result anonymous = cli("user", "add", "intruder", "--password", "x");
        assertThat(anonymous.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(anonymous.err()).startsWith("rowmq: Could not set the password of user 'intruder': the broker"
                + " answered AUTHENTICATION_FAILED: Setting the password of user 'intruder' needs a connection"
                + " authenticated as a user of this broker");
        assertThat(cli("user", "list", "--login", "root-user", "--login-password", "first").out())
                .containsPattern("root-user\\s+20\\d\\d-").doesNotContain("intruder");
        assertThat(cli("topic", "list").code()).as("anonymous connections are still allowed").isZero();
    }

    private static int storedRows(String topic) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = db.connect()) {
            ResultSet rs = c.createStatement().executeQuery("SELECT q.table_name FROM topic t JOIN topic_queue q"
                    + " ON q.topic_id = t.id WHERE t.name = '" + topic + "'");
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            int rows = 0;
            for (String table : tables) {
                ResultSet count = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table);
                count.next();
                rows += count.getInt(1);
            }
            return rows;
        }
    }

    private static Result cli(String... args) {
        String[] withBroker = new String[args.length + 2];
        System.arraycopy(args, 0, withBroker, 0, args.length);
        withBroker[args.length] = "--broker";
        withBroker[args.length + 1] = url;
        return runCli(withBroker);
    }

    private static Result runCli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Result ok(String line) {
        return new Result(0, line + System.lineSeparator(), "");
    }

    private record Result(int code, String out, String err) {
    }
}
