package io.rowmq.broker;

import io.rowmq.broker.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's promise with the default embedded store: kill the broker with SIGKILL, start it
 * again on the same data folder, and every confirmed message is there.
 */
@Timeout(300)
class EmbeddedRestartIT {

    @Test
    void aBrokerKilledWithSigkillStartsAgainOnItsDataFolderWithEveryConfirmedMessage(@TempDir Path home)
            throws Exception {
        Path data = home.resolve("rowmq-data");
        int port = BrokerProcess.freePort();
        String broker = "rowmq://127.0.0.1:" + port;
        try (BrokerProcess first = BrokerProcess.start("embedded-restart-1", "--port", Integer.toString(port),
                "--data-dir", data.toString())) {
            assertThat(cli("topic", "create", "kept", "--queues", "2", "--broker", broker)).contains("Created topic kept");
            assertThat(cli("send", "kept", "--count", "200", "--broker", broker))
                    .contains("Confirmed 200 of 200 messages to kept");
            first.kill();
        }
        try (BrokerProcess second = BrokerProcess.start("embedded-restart-2", "--port", Integer.toString(port),
                "--data-dir", data.toString())) {
            assertThat(cli("receive", "kept", "--group", "g", "--count", "200", "--timeout-ms", "10000",
                    "--broker", broker)).contains("Received and acknowledged 200 messages from kept");
            assertThat(second.terminate()).as("exit code after SIGTERM").isIn(0, 143);
        }
        String dataArgument = "--datadir=" + data.resolve("data").toAbsolutePath();
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().arguments()
                .map(args -> java.util.List.of(args).contains(dataArgument)).orElse(false)))
                .as("SIGTERM stopped the embedded MariaDB too").isEmpty();
    }

    private static String cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(code).as("rowmq %s: %s", String.join(" ", args), text).isZero();
        return text;
    }
}
