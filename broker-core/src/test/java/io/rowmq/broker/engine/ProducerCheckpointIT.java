package io.rowmq.broker.engine;

import io.rowmq.broker.AppendResult;
import io.rowmq.broker.MySqlBrokerEngine;
import io.rowmq.broker.testing.EngineFixture;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;

import static io.rowmq.broker.testing.TestRecords.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Idempotent sends whose producer sequences are only checkpointed now and then: a writer that
 * takes the queue over (here: the broker restarted) must still recognise every retry, from the
 * checkpoint plus the queue rows stored after it.
 */
@Timeout(120)
class ProducerCheckpointIT {
    private static final long PRODUCER = 42;

    private EngineFixture fixture;
    private MySqlBrokerEngine engine;

    @BeforeEach
    void start() {
        fixture = new EngineFixture();
        engine = fixture.start();
        engine.createTopic("idem", 1, 0).join();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aSendIsOnePlainInsertUntilACheckpointIsDue() throws Exception {
        engine.append("idem", 0, PRODUCER, 0, records("a", 3)).join();
        engine.append("idem", 0, PRODUCER, 3, records("b", 1)).join();

        assertThat(checkpointed(PRODUCER)).isEmpty();
        assertThat(checkpointed(0)).isEmpty();
    }

    @Test
    void aCheckpointIsWrittenWithTheFirstCommitAfterASecond() throws Exception {
        AppendResult first = engine.append("idem", 0, PRODUCER, 0, records("a", 3)).join();
        fixture.clock.advance(1500);
        engine.append("idem", 0, PRODUCER, 3, records("b", 1)).join();

        assertThat(checkpointed(PRODUCER)).hasValue(3);
        assertThat(checkpointed(0)).as("complete through the offset before that commit").hasValue(first.offsets()[2]);
    }

    @Test
    void afterARestartRetriesStoredBeforeAnyCheckpointAreStillRecognised() throws Exception {
        engine.append("idem", 0, PRODUCER, 0, records("a", 3)).join();
        engine.close();

        MySqlBrokerEngine restarted = fixture.start();
        assertThat(restarted.append("idem", 0, PRODUCER, 0, records("a", 3)).join().duplicate()).isTrue();
        assertThat(restarted.append("idem", 0, PRODUCER, 3, records("b", 1)).join().duplicate()).isFalse();
        assertThat(rowCount()).isEqualTo(4);
    }

    @Test
    void afterARestartTheCheckpointAndTheRowsAfterItAreMerged() throws Exception {
        engine.append("idem", 0, 7, 0, records("other", 2)).join();
        engine.append("idem", 0, PRODUCER, 0, records("a", 1)).join();
        fixture.clock.advance(1500);
        engine.append("idem", 0, PRODUCER, 1, records("b", 1)).join(); // checkpoint: 7 -> 1, 42 -> 1
        engine.append("idem", 0, PRODUCER, 2, records("c", 2)).join(); // after it: 42 -> 3
        engine.close();

        MySqlBrokerEngine restarted = fixture.start();
        assertThat(restarted.append("idem", 0, PRODUCER, 2, records("c", 2)).join().duplicate()).isTrue();
        assertThat(restarted.append("idem", 0, 7, 1, records("other", 1)).join().duplicate()).isTrue();
        assertThatThrownBy(() -> restarted.append("idem", 0, PRODUCER, 3, records("d", 2)).join())
                .isInstanceOf(CompletionException.class).cause()
                .isInstanceOfSatisfying(BrokerError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("but 3 is already stored");
        assertThat(restarted.append("idem", 0, 7, 2, records("other", 1)).join().duplicate()).isFalse();
        assertThat(rowCount()).isEqualTo(7);
    }

    private OptionalLong checkpointed(long producer) throws Exception {
        try (Connection connection = fixture.database().connect();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT last_sequence FROM producer WHERE producer_id = ?")) {
            select.setLong(1, producer);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    private long rowCount() throws Exception {
        try (Connection connection = fixture.database().connect();
             ResultSet table = connection.createStatement().executeQuery("SELECT q.table_name FROM topic_queue q"
                     + " JOIN topic t ON t.id = q.topic_id WHERE t.name = 'idem'")) {
            assertThat(table.next()).isTrue();
            try (ResultSet count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM "
                    + table.getString(1))) {
                count.next();
                return count.getLong(1);
            }
        }
    }
}
