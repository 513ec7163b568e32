package io.rowmq.broker.engine;

import io.rowmq.broker.MySqlBrokerEngine;
import io.rowmq.broker.testing.EngineFixture;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.GroupKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static io.rowmq.broker.testing.TestRecords.messageId;
import static io.rowmq.broker.testing.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A database that stops answering: sends fail within the store timeout with a retriable error, then recover. */
@Timeout(120)
class StoreTimeoutIT {

    @Test
    void sendsToAHungTableFailWithStoreTimeoutAndServiceResumesWhenItAnswersAgain() throws Exception {
        try (EngineFixture fixture = new EngineFixture()) {
            MySqlBrokerEngine engine = fixture.start();
            engine.createTopic("stuck", 1, 0).join();
            engine.append("stuck", 0, 7, 0, List.of(record("before"))).join();
            String table;
            try (Connection c = fixture.database().connect();
                 ResultSet row = c.createStatement().executeQuery("SELECT table_name FROM topic_queue")) {
                row.next();
                table = row.getString(1);
            }
            try (Connection locker = fixture.database().connect()) {
                locker.createStatement().execute("LOCK TABLES " + table + " WRITE");
                long started = System.nanoTime();
                CompletableFuture<?> blocked = engine.append("stuck", 0, 7, 1, List.of(record("during")));
                assertThatThrownBy(blocked::join).isInstanceOf(CompletionException.class).cause()
                        .isInstanceOfSatisfying(BrokerError.class, error -> {
                            assertThat(error.code()).isEqualTo(ErrorCode.STORE_TIMEOUT);
                            assertThat(error.retriable()).isTrue();
                        })
                        .hasMessageContaining("timed out after 3000 ms");
                long waitedMs = (System.nanoTime() - started) / 1_000_000;
                assertThat(waitedMs).as("bounded by the 3000 ms store timeout").isBetween(2900L, 6000L);
                locker.createStatement().execute("UNLOCK TABLES");
            }
            // The producer retries the timed-out batch with the same sequence: stored once at most.
            engine.append("stuck", 0, 7, 1, List.of(record("during"))).join();
            engine.append("stuck", 0, 7, 2, List.of(record("after"))).join();
            long consumer = engine.subscribe("stuck", "g", GroupKind.QUEUE, null, false).join().consumerId();
            assertThat(engine.fetch(consumer, 10, 0).join()).extracting(d -> messageId(((Delivery) d).record()))
                    .containsExactly("before", "during", "after");
        }
    }
}
