package io.rowmq.broker.net;

import io.rowmq.jms.provider.RowMQClient;
import io.rowmq.protocol.BodyType;
import io.rowmq.protocol.BrowseCursor;
import io.rowmq.protocol.BrowsePage;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.Frame;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.MessageRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.rowmq.broker.net.BrokerRoundTripIT.brokerError;
import static io.rowmq.broker.net.BrokerRoundTripIT.fetchAll;
import static org.assertj.core.api.Assertions.assertThat;

/** BROWSE (JMS QueueBrowser) against a real broker and database: what it shows and that it changes nothing. */
@Timeout(120)
class BrowseIT {
    private static ServerFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ServerFixture(Frame.DEFAULT_MAX_FRAME_SIZE);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static byte[] message(String id, long expiration, long deliverAt) {
        return MessageRecord.builder().bodyType(BodyType.TEXT).messageId(id).expiration(expiration)
                .deliverAt(deliverAt).body(id.getBytes()).build().encode();
    }

    private static String id(Delivery delivery) {
        return MessageRecord.readHeader(delivery.record()).messageId();
    }

    private static void send(RowMQClient client, String topic, int queue, String... ids) throws Exception {
        List<byte[]> records = new ArrayList<>();
        for (String id : ids) {
            records.add(message(id, 0, 0));
        }
        client.produce(topic, queue, 0, 0, records).get();
    }

    /** Browses page by page until exhausted; fails if that takes more than 50 pages. */
    private static List<Delivery> browseAll(RowMQClient client, String topic, String group, int pageSize)
            throws Exception {
        List<Delivery> all = new ArrayList<>();
        BrowseCursor cursor = BrowseCursor.START;
        for (int page = 0; page < 50; page++) {
            BrowsePage next = client.browse(topic, group, cursor, pageSize).get();
            assertThat(next.deliveries()).hasSizeLessThanOrEqualTo(pageSize);
            all.addAll(next.deliveries());
            cursor = next.next();
            if (next.exhausted()) {
                return all;
            }
        }
        throw new AssertionError("browse of " + topic + " not exhausted after 50 pages");
    }

    @Test
    void browsesAQueueNeverConsumedFromTheBeginningPageByPageAndChangesNothing() throws Exception {
        try (RowMQClient client = fixture.connect()) {
            client.createTopic("br.fresh", 2, 3).get();
            send(client, "br.fresh", 0, "a0", "a1", "a2", "a3", "a4", "a5");
            send(client, "br.fresh", 1, "b0", "b1", "b2", "b3");

            List<Delivery> browsed = browseAll(client, "br.fresh", "br.fresh", 3);

            assertThat(browsed).extracting(BrowseIT::id)
                    .containsExactly("a0", "a1", "a2", "a3", "a4", "a5", "b0", "b1", "b2", "b3");
            assertThat(browsed).allSatisfy(d -> assertThat(d.deliveryCount()).isEqualTo(1));
            assertThat(browseAll(client, "br.fresh", "br.fresh", 100)).as("browsing again").hasSize(10);
            long consumer = client.subscribe("br.fresh", "br.fresh", GroupKind.QUEUE, null, false).get();
            List<Delivery> fetched = fetchAll(client, consumer, 10);
            assertThat(fetched).as("browsing claimed nothing").hasSize(10)
                    .allSatisfy(d -> assertThat(d.deliveryCount()).isEqualTo(1));
            client.closeConsumer(consumer).get();
        }
    }

    @Test
    void showsClaimedButNotAcknowledgedMessagesAndHidesSettledOnes() throws Exception {
        try (RowMQClient client = fixture.connect()) {
            client.createTopic("br.claimed", 1, 3).get();
            send(client, "br.claimed", 0, "m0", "m1", "m2", "m3", "m4", "m5");
            long consumer = client.subscribe("br.claimed", "br.claimed", GroupKind.QUEUE, null, false).get();
            List<Delivery> taken = client.fetch(consumer, 4, 5_000).get();
            assertThat(taken).extracting(BrowseIT::id).containsExactly("m0", "m1", "m2", "m3");
            client.ack(consumer, List.of(taken.get(0).ref(), taken.get(2).ref())).get();

            List<Delivery> browsed = browseAll(client, "br.claimed", "br.claimed", 10);

            assertThat(browsed).extracting(BrowseIT::id).containsExactly("m1", "m3", "m4", "m5");
            assertThat(browsed).extracting(Delivery::deliveryCount).as("claimed ones would be redelivered")
                    .containsExactly(2, 2, 1, 1);
            client.ack(consumer, List.of(taken.get(1).ref(), taken.get(3).ref())).get();
            assertThat(browseAll(client, "br.claimed", "br.claimed", 10)).extracting(BrowseIT::id)
                    .containsExactly("m4", "m5");
            assertThat(fetchAll(client, consumer, 2)).extracting(BrowseIT::id).containsExactly("m4", "m5");
            client.closeConsumer(consumer).get();
        }
    }

    @Test
    void hidesExpiredAndNotYetDueMessages() throws Exception {
        try (RowMQClient client = fixture.connect()) {
            client.createTopic("br.timing", 1, 3).get();
            long now = System.currentTimeMillis();
            client.produce("br.timing", 0, 0, 0, List.of(message("due", 0, 0), message("expired", now - 1_000, 0),
                    message("later", 0, now + 600_000), message("due-ttl", now + 600_000, now - 1))).get();

            assertThat(browseAll(client, "br.timing", "br.timing", 10)).extracting(BrowseIT::id)
                    .containsExactly("due", "due-ttl");
        }
    }

    @Test
    void aCursorContinuesWithMessagesSentAfterTheBrowseWasExhausted() throws Exception {
        try (RowMQClient client = fixture.connect()) {
            client.createTopic("br.more", 2, 3).get();
            send(client, "br.more", 1, "x0");
            BrowsePage first = client.browse("br.more", "br.more", BrowseCursor.START, 10).get();
            assertThat(first.deliveries()).extracting(BrowseIT::id).containsExactly("x0");
            assertThat(first.exhausted()).isTrue();
            send(client, "br.more", 0, "y0");
            send(client, "br.more", 1, "x1");
            BrowsePage second = client.browse("br.more", "br.more", first.next(), 10).get();
            assertThat(second.deliveries()).extracting(BrowseIT::id).containsExactly("y0", "x1");
            assertThat(second.exhausted()).isTrue();
            assertThat(second.next().positions()).containsOnlyKeys(0, 1);
        }
    }

    @Test
    void aDurableGroupIsBrowsedFromWhereItStands() throws Exception {
        try (RowMQClient client = fixture.connect()) {
            client.createTopic("br.durable", 1, 3).get();
            send(client, "br.durable", 0, "before");
            long consumer = client.subscribe("br.durable", "c:sub", GroupKind.DURABLE, null, false).get();
            send(client, "br.durable", 0, "after");
            assertThat(browseAll(client, "br.durable", "c:sub", 10)).extracting(BrowseIT::id).containsExactly("after");
            client.closeConsumer(consumer).get();
        }
    }

    @Test
    void rejectsUnknownTopicsAndImpossibleRequests() throws Exception {
        try (RowMQClient client = fixture.connect()) {
            client.createTopic("br.bad", 2, 3).get();
            assertThat(brokerError(client.browse("br.no-such", "g", BrowseCursor.START, 10)).code())
                    .isEqualTo(ErrorCode.UNKNOWN_TOPIC);
            assertThat(brokerError(client.browse("br.bad", "br.bad", BrowseCursor.START, 0)))
                    .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                    .hasMessageContaining("maxMessages");
            assertThat(brokerError(client.browse("br.bad", "br.bad", BrowseCursor.of(Map.of(2, 0L)), 10)))
                    .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                    .hasMessageContaining("queue 2");
            assertThat(client.isOpen()).isTrue();
        }
    }
}
