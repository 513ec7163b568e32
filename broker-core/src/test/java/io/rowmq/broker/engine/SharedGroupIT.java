package io.rowmq.broker.engine;

import io.rowmq.broker.MySqlBrokerEngine;
import io.rowmq.broker.testing.EngineFixture;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.GroupKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.rowmq.broker.testing.TestRecords.messageId;
import static io.rowmq.broker.testing.TestRecords.records;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class SharedGroupIT {

    @Test
    void aConsumerJoiningASharedGroupAsItsLastConsumerLeavesGetsAWorkingGroup() {
        try (EngineFixture fixture = new EngineFixture()) {
            MySqlBrokerEngine engine = fixture.start();
            engine.createTopic("shared", 1, 0).join();
            for (int round = 0; round < 30; round++) {
                long leaving = engine.subscribe("shared", "s", GroupKind.SHARED, null, false).join().consumerId();
                CompletableFuture<Void> closing = engine.closeConsumer(leaving);
                long joining = engine.subscribe("shared", "s", GroupKind.SHARED, null, false).join().consumerId();
                closing.join();
                engine.append("shared", 0, 0, 0, records("r" + round + "-", 1)).join();
                List<Delivery> got = engine.fetch(joining, 10, 10_000).join();
                assertThat(got).as("round %d", round).extracting(d -> messageId(d.record())).contains("r" + round + "-0");
                engine.closeConsumer(joining).join();
            }
        }
    }
}
