package io.rowmq.broker.engine;

import io.rowmq.broker.AppendResult;
import io.rowmq.broker.MySqlBrokerEngine;
import io.rowmq.broker.testing.EngineFixture;
import io.rowmq.broker.testing.TestDatabase;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static io.rowmq.broker.testing.TestRecords.records;
import static io.rowmq.broker.testing.TestRecords.sizedRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A message larger than the database's {@code max_allowed_packet}: the server's global value is
 * lowered to 1 MiB for the engine's connections (the test classes run one at a time) and put
 * back afterwards.
 */
@Timeout(120)
class OversizedMessageIT {
    private static final int PACKET = 1 << 20;

    @Test
    void aMessageTheDatabaseCannotTakeFailsItsOwnSendWithWhatToDoAndNotTheSendsBesideIt() throws Exception {
        try (TestDatabase admin = TestDatabase.create(); Connection connection = admin.connect();
             Statement statement = connection.createStatement()) {
            long original;
            try (ResultSet row = statement.executeQuery("SELECT @@global.max_allowed_packet")) {
                row.next();
                original = row.getLong(1);
            }
            try {
                statement.execute("SET GLOBAL max_allowed_packet = " + PACKET);
            } catch (SQLException e) {
                assumeTrue(false, "this database user may not set max_allowed_packet: " + e.getMessage());
            }
            try (EngineFixture fixture = new EngineFixture()) {
                MySqlBrokerEngine engine = fixture.start();
                engine.createTopic("big", 1, 0).join();
                byte[] record = sizedRecord("too-large", 2 * PACKET);
                CompletableFuture<AppendResult> tooLarge = engine.append("big", 0, 7, 0, List.of(record));
                CompletableFuture<AppendResult> beside = engine.append("big", 0, 8, 0, records("beside", 3));

                assertThat(beside.join().offsets()).hasSize(3);
                assertThatThrownBy(tooLarge::join).isInstanceOf(CompletionException.class).cause()
                        .isInstanceOfSatisfying(BrokerError.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                        .hasMessageContaining("a message of " + record.length + " bytes")
                        .hasMessageContaining("max_allowed_packet = " + PACKET)
                        .hasMessageContaining("raise max_allowed_packet");
                assertThat(engine.append("big", 0, 9, 0, List.of(sizedRecord("fits", PACKET - (16 << 10))))
                        .join().offsets()).hasSize(1);
            } finally {
                statement.execute("SET GLOBAL max_allowed_packet = " + original);
            }
        }
    }
}
