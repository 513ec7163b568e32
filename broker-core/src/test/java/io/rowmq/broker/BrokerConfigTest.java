package io.rowmq.broker;

import io.rowmq.broker.admin.DataNodeSpec;
import io.rowmq.broker.admin.UserCredential;
import io.rowmq.jms.provider.IoTransport;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerConfigTest {

    private static BrokerConfig parse(String... args) {
        return BrokerConfig.fromCommandLine(CommandLine.parse(args, BrokerConfig.OPTIONS, Set.of("help")));
    }

    @Test
    void defaultsRunAnEmbeddedStoreOnPort7600() {
        BrokerConfig config = parse();

        assertThat(config.port()).isEqualTo(7600);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.embedded()).isTrue();
        assertThat(config.dataDir()).isEqualTo(Path.of("./rowmq-data"));
        assertThat(config.brokerId()).endsWith(":7600");
        assertThat(config.queues()).isEqualTo(EngineSettings.DEFAULT_QUEUES);
        assertThat(config.maxAttempts()).isEqualTo(EngineSettings.DEFAULT_MAX_ATTEMPTS);
        assertThat(config.storeTimeoutMs()).isEqualTo(EngineSettings.DEFAULT_STORE_TIMEOUT_MS);
        assertThat(config.storeDescription()).isEqualTo("embedded MariaDB in ./rowmq-data");
    }

    @Test
    void readsEveryOptionInBothSpellings() {
        BrokerConfig config = parse("--port", "7700", "--host=127.0.0.1", "--broker-id", "b1", "--queues", "8",
                "--max-attempts=5", "--pool-size", "20", "--store-timeout-ms", "2000", "--lease-ms", "1000",
                "--jdbc-url", "jdbc:mysql://db:3306/rowmq", "--jdbc-user", "mq", "--jdbc-password", "secret",
                "--auto-create-topics", "false", "--max-frame-size", "65536", "--data-dir", "/tmp/x", "--db-port", "3307",
                "--segment-size", "500", "--retention-check-ms", "1000", "--tail-cache-bytes", "0",
                "--data-node", "n1=jdbc:mysql://db2:3306/q", "--data-node", "n2=jdbc:mariadb://db3/q",
                "--allow-anonymous", "false", "--user", "j2ee:j2ee", "--user=javajoe:pass:word",
                "--password-iterations", "20000", "--transport", "nio");

        assertThat(config).isEqualTo(new BrokerConfig("127.0.0.1", 7700, 65536, "b1", 8, 5, 1000, false,
                Path.of("/tmp/x"), 3307, "jdbc:mysql://db:3306/rowmq", "mq", "secret", 20, 2000, 500, 1000, 0,
                List.of(new DataNodeSpec("n1", "jdbc:mysql://db2:3306/q", "mq", "secret"),
                        new DataNodeSpec("n2", "jdbc:mariadb://db3/q", "mq", "secret")),
                new SecuritySettings(false, List.of(new UserCredential("j2ee", "j2ee"),
                        new UserCredential("javajoe", "pass:word")), 20_000), IoTransport.NIO));
        assertThat(config.engineSettings().defaultQueues()).isEqualTo(8);
        assertThat(config.engineSettings().segmentSize()).isEqualTo(500);
        assertThat(config.toString()).doesNotContain("secret").doesNotContain("pass:word")
                .contains("allowAnonymous=false, users=[j2ee, javajoe]");
    }

    @Test
    void aFreshBrokerAllowsAnonymousConnectionsAndSetsNoUsers() {
        assertThat(parse().security()).isEqualTo(SecuritySettings.defaults());
        assertThat(SecuritySettings.defaults().allowAnonymous()).isTrue();
        assertThat(SecuritySettings.defaults().users()).isEmpty();
    }

    @Test
    void rejectsBadUsersWithoutShowingTheirPasswords() {
        assertThatThrownBy(() -> parse("--user", "alice")).hasMessage("--user takes NAME:PASSWORD, was 'alice'");
        assertThatThrownBy(() -> parse("--user", ":secret")).hasMessage("--user takes NAME:PASSWORD, was ''");
        assertThatThrownBy(() -> parse("--user", "alice:")).hasMessage(
                "The password of user 'alice' must be 1..1024 characters, was 0 characters");
        assertThatThrownBy(() -> parse("--user", "al ice:secret")).hasMessageStartingWith("Invalid user name 'al ice'");
        assertThatThrownBy(() -> parse("--user", "a:secret", "--user", "a:other"))
                .hasMessage("--user 'a' is given more than once");
        assertThatThrownBy(() -> parse("--allow-anonymous", "no"))
                .hasMessage("--allow-anonymous must be true or false, was 'no'");
        assertThatThrownBy(() -> parse("--password-iterations", "1000"))
                .hasMessage("--password-iterations must be 10000..10000000, was 1000");
    }

    @Test
    void rejectsImpossibleValuesNamingOptionAndValue() {
        assertThatThrownBy(() -> parse("--port", "70000")).hasMessage("--port must be 0..65535, was 70000");
        assertThatThrownBy(() -> parse("--transport", "kqueue"))
                .hasMessage("--transport must be auto, nio or epoll, was 'kqueue'");
        assertThatThrownBy(() -> parse("--port", "seven")).hasMessage("--port must be a whole number, was 'seven'");
        assertThatThrownBy(() -> parse("--queues", "0")).hasMessage("--queues must be 1..1024, was 0");
        assertThatThrownBy(() -> parse("--max-attempts", "-1")).hasMessage("--max-attempts must be 1..1000, was -1");
        assertThatThrownBy(() -> parse("--pool-size", "1")).hasMessage("--pool-size must be 2..1000, was 1");
        assertThatThrownBy(() -> parse("--store-timeout-ms", "5"))
                .hasMessage("--store-timeout-ms must be 10..600000, was 5");
        assertThatThrownBy(() -> parse("--auto-create-topics", "yes"))
                .hasMessage("--auto-create-topics must be true or false, was 'yes'");
        assertThatThrownBy(() -> parse("--segment-size", "5")).hasMessage("--segment-size must be at least 10, was 5");
        assertThatThrownBy(() -> parse("--broker-id", " ")).hasMessage("--broker-id must be 1..128 characters, was ' '");
        assertThatThrownBy(() -> parse("--jdbc-url", "jdbc:postgresql://db/x"))
                .hasMessageStartingWith("--jdbc-url must start with jdbc:mysql://")
                .hasMessageEndingWith("was 'jdbc:postgresql://db/x'");
    }

    @Test
    void rejectsUnknownAndIncompleteOptions() {
        assertThatThrownBy(() -> parse("--prot", "1")).hasMessageStartingWith("Unknown option --prot; known options: ")
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> parse("--port")).hasMessage("Option --port needs a value");
        assertThatThrownBy(() -> parse("--port", "1", "--port", "2")).hasMessage("Option --port is given more than once");
    }

    @Test
    void neverShowsThePasswordOfAJdbcUrl() {
        assertThat(BrokerConfig.redact("jdbc:mysql://db:3306/rowmq?user=mq&password=secret&useSSL=true"))
                .isEqualTo("jdbc:mysql://db:3306/rowmq?user=mq&password=***&useSSL=true");
        assertThat(BrokerConfig.redact("jdbc:mysql://mq:secret@db:3306/rowmq")).isEqualTo("jdbc:mysql://mq:***@db:3306/rowmq");
        assertThat(parse("--jdbc-url", "jdbc:mysql://db/rowmq?password=secret").storeDescription())
                .isEqualTo("jdbc:mysql://db/rowmq?password=***");
    }
}
