package io.rowmq.broker.net;

import io.rowmq.jms.provider.RowMQClient;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.Frame;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.MessageRecord;
import io.rowmq.protocol.ProduceResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.rowmq.broker.net.BrokerRoundTripIT.fetchAll;
import static io.rowmq.broker.net.BrokerRoundTripIT.record;
import static org.assertj.core.api.Assertions.assertThat;

/** An idempotent producer that names no queue sticks to one queue, so its messages arrive in send order. */
@Timeout(120)
class StickyProducerIT {
    private static ServerFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ServerFixture(Frame.DEFAULT_MAX_FRAME_SIZE);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void oneIdempotentProducerOnFourQueuesIsReceivedInSendOrder() throws Exception {
        try (RowMQClient producer = fixture.connect(); RowMQClient consumer = fixture.connect()) {
            producer.createTopic("sticky.orders", 4, 3).get();
            long producerId = 0x5EED_0001L;
            List<CompletableFuture<ProduceResult>> sends = new ArrayList<>();
            for (int n = 0; n < 200; n++) {
                sends.add(producer.produce("sticky.orders", -1, producerId, n, List.of(record("sticky", n))));
            }
            List<Integer> queues = new ArrayList<>();
            for (CompletableFuture<ProduceResult> send : sends) {
                queues.add(send.get().queueIndex());
            }
            assertThat(queues).as("queue of every send").containsOnly(queues.get(0));

            long consumerId = consumer.subscribe("sticky.orders", "sticky.orders", GroupKind.QUEUE, null, false).get();
            List<Delivery> received = fetchAll(consumer, consumerId, 200);

            List<Integer> order = received.stream()
                    .map(d -> (Integer) MessageRecord.decode(d.record()).properties().get("n")).toList();
            List<Integer> sent = new ArrayList<>();
            for (int n = 0; n < 200; n++) {
                sent.add(n);
            }
            assertThat(order).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void sendsThatAreNotIdempotentStillSpreadOverTheQueues() throws Exception {
        try (RowMQClient producer = fixture.connect()) {
            producer.createTopic("sticky.spread", 4, 3).get();
            List<Integer> queues = new ArrayList<>();
            for (int n = 0; n < 8; n++) {
                queues.add(producer.produce("sticky.spread", -1, 0, 0, List.of(record("spread", n))).get()
                        .queueIndex());
            }
            assertThat(queues).containsOnly(0, 1, 2, 3).contains(0, 1, 2, 3);
        }
    }
}
