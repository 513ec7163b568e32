package io.rowmq.broker.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rowmq.jms.provider.RowMQClient;
import io.rowmq.protocol.CreateTopicRequest;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.ErrorReply;
import io.rowmq.protocol.FrameType;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.HandshakeRequest;
import io.rowmq.protocol.HandshakeResponse;
import io.rowmq.protocol.TopicNameRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Handshake rules and bad frames from raw sockets: the bad connection is closed, the others carry on. */
@Timeout(120)
class BrokerConnectionIT {
    private static final int MAX_FRAME = 64 * 1024;
    private static ServerFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ServerFixture(MAX_FRAME);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void badMagicGetsUnsupportedVersionAndIsClosed() throws Exception {
        try (RawConnection raw = fixture.raw()) {
            raw.writeRequest(FrameType.HANDSHAKE, 1, new HandshakeRequest(0x12345678, 1, "c", null, null, null));
            RawConnection.RawFrame reply = raw.readFrame();
            assertThat(reply.type()).isEqualTo(FrameType.ERROR.code());
            assertThat(reply.requestId()).isEqualTo(1);
            ErrorReply error = reply.error();
            assertThat(error.code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
            assertThat(error.message()).contains("0x12345678");
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    @Test
    void requestBeforeHandshakeGetsHandshakeRequired() throws Exception {
        try (RawConnection raw = fixture.raw()) {
            raw.writeRequest(FrameType.METADATA, 7, new TopicNameRequest(null));
            RawConnection.RawFrame reply = raw.readFrame();
            assertThat(reply.type()).isEqualTo(FrameType.ERROR.code());
            assertThat(reply.requestId()).isEqualTo(7);
            assertThat(reply.error().code()).isEqualTo(ErrorCode.HANDSHAKE_REQUIRED);
            raw.writeRequest(FrameType.HANDSHAKE, 8, HandshakeRequest.plain("late", null, null));
            RawConnection.RawFrame handshake = raw.readFrame();
            assertThat(handshake.type()).isEqualTo(FrameType.HANDSHAKE.code());
            HandshakeResponse response = HandshakeResponse.decode(Unpooled.wrappedBuffer(handshake.body()));
            assertThat(response.maxFrameSize()).isEqualTo(MAX_FRAME);
            assertThat(response.brokerId()).isEqualTo("it-broker");
        }
    }

    @Test
    void oversizedFrameAndGarbageCloseOnlyTheirOwnConnection() throws Exception {
        try (RowMQClient healthy = fixture.connect()) {
            healthy.createTopic("conn.healthy", 1, 3).get();
            long consumer = healthy.subscribe("conn.healthy", "conn.healthy", GroupKind.QUEUE, null, false).get();
            List<Long> offsets = new ArrayList<>();
            offsets.addAll(produce(healthy, 0));

            byte[] oversized = ByteBuffer.allocate(10).putInt(MAX_FRAME).put((byte) 2).put((byte) 0).putInt(3).array();
            assertFatal(oversized, ErrorCode.FRAME_TOO_LARGE, "exceeds the maximum frame size of " + MAX_FRAME);
            offsets.addAll(produce(healthy, 1));

            byte[] garbage = new byte[256];
            new Random(7).nextBytes(garbage);
            ByteBuffer.wrap(garbage).putInt(garbage.length - 4).put((byte) 200); // fits, but no such type
            assertFatal(garbage, ErrorCode.MALFORMED_FRAME, "Unknown frame type 200");
            offsets.addAll(produce(healthy, 2));

            assertFatal(truncatedCreateTopic(), ErrorCode.MALFORMED_FRAME, "CREATE_TOPIC");
            offsets.addAll(produce(healthy, 3));

            List<Delivery> deliveries = BrokerRoundTripIT.fetchAll(healthy, consumer, offsets.size());
            assertThat(deliveries).extracting(Delivery::offset).containsExactlyElementsOf(offsets);
            healthy.ack(consumer, deliveries.stream().map(Delivery::ref).toList()).get();
        }
    }

    private static List<Long> produce(RowMQClient client, int round) throws Exception {
        List<byte[]> records = List.of(BrokerRoundTripIT.record("conn.healthy", round * 2),
                BrokerRoundTripIT.record("conn.healthy", round * 2 + 1));
        long[] offsets = client.produce("conn.healthy", 0, 0, 0, records).get().offsets();
        return List.of(offsets[0], offsets[1]);
    }

    /** A handshake, then a CREATE_TOPIC whose body stops in the middle of its fields. */
    private static byte[] truncatedCreateTopic() {
        ByteBuf body = Unpooled.buffer();
        new CreateTopicRequest("x", 1, 1).encode(body);
        body.writerIndex(body.writerIndex() - 3);
        ByteBuf frame = Unpooled.buffer().writeInt(6 + body.readableBytes())
                .writeByte(FrameType.CREATE_TOPIC.code()).writeByte(0).writeInt(5).writeBytes(body);
        byte[] bytes = new byte[frame.readableBytes()];
        frame.readBytes(bytes);
        return bytes;
    }

    private static void assertFatal(byte[] bytes, ErrorCode code, String message) throws Exception {
        try (RawConnection raw = fixture.raw()) {
            raw.writeRequest(FrameType.HANDSHAKE, 1, HandshakeRequest.plain("raw", null, null));
            assertThat(raw.readFrame().type()).isEqualTo(FrameType.HANDSHAKE.code());
            raw.write(bytes);
            RawConnection.RawFrame reply = raw.readFrame();
            assertThat(reply.type()).isEqualTo(FrameType.ERROR.code());
            assertThat(reply.requestId()).isZero();
            assertThat(reply.error().code()).isEqualTo(code);
            assertThat(reply.error().message()).contains(message);
            assertThat(raw.closedByPeer()).isTrue();
        }
    }
}
