package io.rowmq.broker;

import io.rowmq.broker.cli.Cli;
import io.rowmq.broker.testing.TestDatabase;
import io.rowmq.jms.provider.ClientOptions;
import io.rowmq.jms.provider.RowMQClient;
import io.rowmq.protocol.BrokerError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code user add/list/remove} of the CLI end to end, against a broker that refuses anonymous connections. */
@Timeout(180)
class UserCliIT {
    private static TestDatabase db;
    private static Broker broker;
    private static String url;

    @BeforeAll
    static void startBroker() {
        db = TestDatabase.create();
        broker = BrokerMain.start(new String[] {"--port", "0", "--host", "127.0.0.1", "--broker-id", "user-cli-it",
                "--jdbc-url", db.jdbcUrl(), "--jdbc-user", db.user(), "--jdbc-password", db.password(),
                "--allow-anonymous", "false", "--user", "admin:admin-pw", "--password-iterations", "10000"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        url = "rowmq://127.0.0.1:" + broker.port();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
        db.close();
    }

    @Test
    void addsListsChangesAndRemovesAUser() throws Exception {
        assertThat(asAdmin("user", "add", "carol", "--password", "c-one")).isEqualTo(ok("Created user carol"));
        assertThat(connects("carol", "c-one")).isTrue();

        Result list = asAdmin("user", "list");
        assertThat(list.code()).isZero();
        assertThat(list.out().lines().toList()).hasSize(3);
        assertThat(list.out().lines().findFirst()).hasValueSatisfying(
                header -> assertThat(header).startsWith("USER ").contains("CREATED").contains("PASSWORD-CHANGED"));
        assertThat(list.out()).containsPattern("(?m)^admin\\s+20\\d\\d-\\d\\d-\\d\\dT").containsPattern("(?m)^carol\\s+")
                .doesNotContain("c-one");

        assertThat(run("c-two\n", withLogin("user", "add", "carol", "--password-stdin")))
                .isEqualTo(ok("Changed the password of user carol"));
        assertThat(connects("carol", "c-one")).isFalse();
        assertThat(connects("carol", "c-two")).isTrue();

        assertThat(asAdmin("user", "remove", "carol")).isEqualTo(ok("Removed user carol"));
        assertThat(connects("carol", "c-two")).isFalse();
        assertThat(asAdmin("user", "list").out()).doesNotContain("carol");
    }

    @Test
    void refusalsAreOneLineThatNamesTheUserAndExitCode1() {
        Result anonymous = cli("user", "list");
        assertThat(anonymous.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(anonymous.err()).startsWith("rowmq: Could not connect to " + url + ": the broker answered"
                + " AUTHENTICATION_FAILED: ").endsWith("Anonymous connections are refused by this broker; connect with"
                + " a user name and password" + System.lineSeparator());

        Result wrong = cli("user", "list", "--login", "admin", "--login-password", "guess");
        assertThat(wrong.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(wrong.err()).contains("User 'admin' was refused: unknown user or wrong password")
                .doesNotContain("guess");
        assertThat(wrong.err().lines()).hasSize(1);

        Result unknown = asAdmin("user", "remove", "nobody");
        assertThat(unknown.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(unknown.err()).contains("INVALID_REQUEST: User 'nobody' does not exist");

        Result last = asAdmin("user", "remove", "admin");
        assertThat(last.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(last.err()).contains("User 'admin' is the last user and this broker refuses anonymous connections");
    }

    @Test
    void badUserCommandLinesAreExitCode2() {
        assertThat(cli("user", "add", "dan", "--password-stdin").err())
                .contains("--password-stdin found no line on standard input");
        assertThat(cli("user", "add", "d:an", "--password", "x").err()).contains("Invalid user name 'd:an'");
        assertThat(cli("user", "rename", "x").err()).contains("user needs one of add, remove, list, was 'rename'");
        assertThat(cli("user", "remove", "x", "--password", "y").err()).contains("user remove takes no password");
        assertThat(cli("user", "list", "--login-password", "y").err()).contains("--login-password needs --login NAME");
        assertThat(cli("user", "add", "dan", "--password", "x", "--password-stdin").code()).isEqualTo(Cli.EXIT_USAGE);
    }

    private static boolean connects(String user, String password) throws Exception {
        try (RowMQClient client = RowMQClient.connect("127.0.0.1", broker.port(),
                ClientOptions.defaults().withCredentials(user, password))) {
            return client.isOpen();
        } catch (BrokerError refused) {
            return false;
        }
    }

    private static Result asAdmin(String... args) {
        return run("", withLogin(args));
    }

    private static String[] withLogin(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--login", "admin", "--login-password", "admin-pw"));
        return all.toArray(String[]::new);
    }

    private static Result cli(String... args) {
        return run("", args);
    }

    private static Result run(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--broker", url));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(all.toArray(String[]::new), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Result ok(String line) {
        return new Result(0, line + System.lineSeparator(), "");
    }

    private record Result(int code, String out, String err) {
    }
}
