package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameCodecTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    /** Encodes through FrameEncoder and decodes through FrameDecoder. */
    private static Frame roundTrip(Frame frame) {
        EmbeddedChannel encoder = new EmbeddedChannel(new FrameEncoder());
        assertThat(encoder.writeOutbound(frame)).isTrue();
        ByteBuf wire = Unpooled.buffer();
        for (ByteBuf part; (part = encoder.readOutbound()) != null; ) {
            wire.writeBytes(part);
            part.release();
        }
        assertThat(frame.refCnt()).isZero();
        EmbeddedChannel decoder = new EmbeddedChannel(new FrameDecoder());
        decoder.writeInbound(wire);
        Frame decoded = decoder.readInbound();
        assertThat((Object) decoder.readInbound()).isNull();
        assertThat(decoder.finish()).isFalse();
        return decoded;
    }

    private static void assertRequestRoundTrip(FrameType type, WireMessage message) {
        Frame decoded = roundTrip(Frame.request(type, 77, message, ALLOC));
        try {
            assertThat(decoded.type()).isEqualTo(type);
            assertThat(decoded.isResponse()).isFalse();
            assertThat(decoded.requestId()).isEqualTo(77);
            assertThat(FrameBodies.decode(decoded)).usingRecursiveComparison().isEqualTo(message);
        } finally {
            assertThat(decoded.release()).isTrue();
        }
    }

    private static void assertResponseRoundTrip(FrameType type, WireMessage message) {
        Frame decoded = roundTrip(Frame.response(type, -5, message, ALLOC));
        try {
            assertThat(decoded.type()).isEqualTo(type);
            assertThat(decoded.isResponse()).isTrue();
            assertThat(decoded.requestId()).isEqualTo(-5);
            assertThat(FrameBodies.decode(decoded)).usingRecursiveComparison().isEqualTo(message);
        } finally {
            assertThat(decoded.release()).isTrue();
        }
    }

    @Test
    void roundTripsEveryRequest() {
        assertRequestRoundTrip(FrameType.HANDSHAKE, HandshakeRequest.plain("client-1", "bob", new byte[] {'p', 'w'}));
        assertRequestRoundTrip(FrameType.HANDSHAKE, new HandshakeRequest(1, 2, null, null, null, "X"));
        assertRequestRoundTrip(FrameType.PRODUCE,
                new ProduceRequest("orders", -1, 42, 1000, List.of(new byte[] {1, 2}, new byte[0])));
        assertRequestRoundTrip(FrameType.CREATE_TOPIC, new CreateTopicRequest("orders", 8, 5));
        assertRequestRoundTrip(FrameType.DELETE_TOPIC, new TopicNameRequest("orders"));
        assertRequestRoundTrip(FrameType.METADATA, new TopicNameRequest(null));
        assertRequestRoundTrip(FrameType.SUBSCRIBE,
                new SubscribeRequest("orders", "g1", GroupKind.SHARED, "color = 'red'", true));
        assertRequestRoundTrip(FrameType.FETCH, new FetchRequest(9, 100, 5000));
        assertRequestRoundTrip(FrameType.ACK, new AckRequest(9, List.of(new MessageRef(0, 1), new MessageRef(3, 99))));
        assertRequestRoundTrip(FrameType.RELEASE, new ReleaseRequest(9, "rollback", true, List.of(new MessageRef(1, 2))));
        assertRequestRoundTrip(FrameType.HEARTBEAT, WireMessage.EMPTY);
        assertRequestRoundTrip(FrameType.CLOSE, new CloseRequest(0));
        assertRequestRoundTrip(FrameType.DELETE_GROUP, new DeleteGroupRequest("orders", "client-1:audit"));
        assertRequestRoundTrip(FrameType.DELETE_GROUP, new DeleteGroupRequest(null, "client-1:audit"));
        assertRequestRoundTrip(FrameType.BROWSE, new BrowseRequest("orders", "orders", BrowseCursor.START, 50));
        assertRequestRoundTrip(FrameType.BROWSE, new BrowseRequest("orders", null,
                BrowseCursor.of(Map.of(0, 17L, 3, 4_000_000_000L)), 1));
        assertRequestRoundTrip(FrameType.SET_CLIENT_ID, new SetClientIdRequest("client-1"));
        assertRequestRoundTrip(FrameType.CREATE_TEMPORARY_TOPIC, new CreateTemporaryTopicRequest("tmp.1", 0));
        assertRequestRoundTrip(FrameType.USER_ADMIN, UserAdminRequest.setPassword("alice", new byte[] {'p'}));
        assertRequestRoundTrip(FrameType.USER_ADMIN, UserAdminRequest.list());
        assertRequestRoundTrip(FrameType.USER_ADMIN, UserAdminRequest.remove("bob"));
    }

    @Test
    void roundTripsEveryReply() {
        assertResponseRoundTrip(FrameType.HANDSHAKE, new HandshakeResponse(1, "broker-a", 16 << 20, 123));
        assertResponseRoundTrip(FrameType.PRODUCE, new ProduceResult(2, false, new long[] {10, 11, 12}));
        assertResponseRoundTrip(FrameType.PRODUCE, new ProduceResult(2, true, new long[0]));
        assertResponseRoundTrip(FrameType.CREATE_TOPIC, new TopicInfo("orders", 4, 3));
        assertResponseRoundTrip(FrameType.METADATA,
                new MetadataResponse(List.of(new TopicInfo("a", 1, 3), new TopicInfo("b", 4, 5))));
        assertResponseRoundTrip(FrameType.SUBSCRIBE, new SubscribeResponse(5, 6));
        assertResponseRoundTrip(FrameType.FETCH, new FetchResponse(List.of(
                new Delivery(0, 7, 1, new byte[] {9}), new Delivery(3, 8, 2, new byte[0]))));
        for (FrameType empty : List.of(FrameType.DELETE_TOPIC, FrameType.ACK, FrameType.RELEASE,
                FrameType.HEARTBEAT, FrameType.CLOSE)) {
            assertResponseRoundTrip(empty, WireMessage.EMPTY);
        }
        assertResponseRoundTrip(FrameType.ERROR, new ErrorReply(ErrorCode.STORE_TIMEOUT, true, "slow"));
        assertResponseRoundTrip(FrameType.CREATE_TEMPORARY_TOPIC, new TopicInfo("tmp.1", 1, 3));
        assertResponseRoundTrip(FrameType.BROWSE, new BrowsePage(List.of(new Delivery(0, 7, 1, new byte[] {9}),
                new Delivery(2, 9, 3, new byte[0])), BrowseCursor.of(Map.of(0, 7L, 2, 9L)), false));
        assertResponseRoundTrip(FrameType.BROWSE, new BrowsePage(List.of(), BrowseCursor.START, true));
        for (FrameType empty : List.of(FrameType.DELETE_GROUP, FrameType.SET_CLIENT_ID)) {
            assertResponseRoundTrip(empty, WireMessage.EMPTY);
        }
    }

    @Test
    void browseCursorsAreImmutableAndOrderedByQueue() {
        BrowseCursor cursor = BrowseCursor.of(Map.of(3, 30L, 1, 10L));
        BrowseCursor moved = cursor.with(1, 11L).with(0, 5L);
        assertThat(cursor.positions()).containsExactly(Map.entry(1, 10L), Map.entry(3, 30L));
        assertThat(moved.positions()).containsExactly(Map.entry(0, 5L), Map.entry(1, 11L), Map.entry(3, 30L));
        assertThat(moved.lastSeen(1)).hasValue(11L);
        assertThat(moved.lastSeen(2)).isEmpty();
        assertThat(BrowseCursor.of(Map.of())).isSameAs(BrowseCursor.START);
        assertThat(BrowseCursor.of(Map.of(1, 10L, 3, 30L))).isEqualTo(cursor).hasSameHashCodeAs(cursor);
        assertThatThrownBy(() -> moved.positions().put(9, 9L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> BrowseCursor.of(Map.of(-1, 0L))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queue index");
    }

    @Test
    void rejectsBrowseBodiesThatDoNotParse() {
        ByteBuf repeatedQueue = Unpooled.buffer().writeInt(-1).writeInt(-1).writeInt(2)
                .writeInt(1).writeLong(5).writeInt(1).writeLong(6).writeInt(10);
        assertThatThrownBy(() -> FrameBodies.decodeRequest(FrameType.BROWSE, repeatedQueue))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("queue index 1 (negative or repeated)");
        ByteBuf badExhausted = Unpooled.buffer().writeInt(0).writeInt(0).writeByte(7);
        assertThatThrownBy(() -> FrameBodies.decodeResponse(FrameType.BROWSE, badExhausted))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("exhausted");
        ByteBuf hugeCount = Unpooled.buffer().writeInt(-1).writeInt(-1).writeInt(1_000_000);
        assertThatThrownBy(() -> FrameBodies.decodeRequest(FrameType.BROWSE, hugeCount))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("cursor entry count");
        ByteBuf trailing = Unpooled.buffer().writeInt(-1).writeByte(0);
        assertThatThrownBy(() -> FrameBodies.decodeRequest(FrameType.SET_CLIENT_ID, trailing))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("SET_CLIENT_ID request");
        ByteBuf truncated = Unpooled.buffer().writeInt(-1).writeShort(1);
        assertThatThrownBy(() -> FrameBodies.decodeRequest(FrameType.CREATE_TEMPORARY_TOPIC, truncated))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("queueCount");
        assertResponseRoundTrip(FrameType.USER_ADMIN, new UserAdminResponse(UserAdminResponse.Outcome.LISTED, List.of(
                new UserAdminResponse.User("alice", 1_000, 2_000), new UserAdminResponse.User("bob", 3, 3))));
        assertResponseRoundTrip(FrameType.USER_ADMIN, new UserAdminResponse(UserAdminResponse.Outcome.REMOVED,
                List.of()));
    }

    @Test
    void rejectsAnOversizedFrameAsSoonAsItsLengthArrives() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1024));
        ByteBuf header = Unpooled.buffer().writeInt(1021).writeByte(2).writeByte(0).writeInt(1);
        assertThatThrownBy(() -> channel.writeInbound(header))
                .isInstanceOf(TooLongFrameException.class)
                .hasMessageContaining("1025 bytes exceeds the maximum frame size of 1024 bytes");
        assertThat(header.refCnt()).isZero();
        channel.finishAndReleaseAll();
    }

    @Test
    void acceptsAFrameOfExactlyTheMaximumSize() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1024));
        ByteBuf wire = Unpooled.buffer().writeInt(1020).writeByte(10).writeByte(0).writeInt(1).writeZero(1014);
        channel.writeInbound(wire);
        Frame frame = channel.readInbound();
        assertThat(frame.body().readableBytes()).isEqualTo(1014);
        frame.release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void rejectsNegativeShortAndUnknownFrames() {
        assertCorrupt(Unpooled.buffer().writeInt(-1).writeLong(0), "negative");
        assertCorrupt(Unpooled.buffer().writeInt(5).writeZero(5), "below the 6-byte header");
        assertCorrupt(Unpooled.buffer().writeInt(6).writeByte(99).writeByte(0).writeInt(1),
                "Unknown frame type 99 (expected 1..21)");
        assertCorrupt(Unpooled.buffer().writeInt(6).writeByte(22).writeByte(0).writeInt(1), "Unknown frame type 22");
        assertCorrupt(Unpooled.buffer().writeInt(6).writeByte(0).writeByte(0).writeInt(1), "Unknown frame type 0");
    }

    private static void assertCorrupt(ByteBuf wire, String message) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
        assertThatThrownBy(() -> channel.writeInbound(wire))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining(message);
        assertThat(wire.refCnt()).isZero();
        channel.finishAndReleaseAll();
    }

    @Test
    void rejectsBodiesThatDoNotParse() {
        ByteBuf truncated = Unpooled.buffer().writeLong(1).writeInt(10);
        assertThatThrownBy(() -> FrameBodies.decodeRequest(FrameType.FETCH, truncated))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("maxWaitMs");
        ByteBuf trailing = Unpooled.buffer().writeLong(1).writeInt(10).writeInt(10).writeByte(0);
        assertThatThrownBy(() -> FrameBodies.decodeRequest(FrameType.FETCH, trailing))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("1 trailing bytes");
        ByteBuf negativeCount = Unpooled.buffer().writeLong(1).writeInt(-3);
        assertThatThrownBy(() -> FrameBodies.decodeRequest(FrameType.ACK, negativeCount))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("negative: -3");
        ByteBuf longString = Unpooled.buffer().writeInt(50).writeBytes(new byte[] {'a', 'b'});
        assertThatThrownBy(() -> FrameBodies.decodeRequest(FrameType.DELETE_TOPIC, longString))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("length 50 past the end (2 bytes left)");
        ByteBuf badAction = Unpooled.buffer().writeByte(9).writeInt(-1).writeInt(-1);
        assertThatThrownBy(() -> FrameBodies.decodeRequest(FrameType.USER_ADMIN, badAction))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("action 9 (expected 0..2)");
        ByteBuf nonEmpty = Unpooled.buffer().writeByte(1);
        assertThatThrownBy(() -> FrameBodies.decodeResponse(FrameType.ACK, nonEmpty))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("ACK reply");
    }

    @Test
    void randomBytesOnlyEverYieldFramesOrCorruptedOrTooLongAndNeverLeak() {
        Random random = new Random(20240601);
        for (int i = 0; i < 4000; i++) {
            byte[] bytes = randomInput(random, i);
            EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(4096));
            ByteBuf wire = Unpooled.wrappedBuffer(bytes);
            try {
                channel.writeInbound(wire);
            } catch (CorruptedFrameException | TooLongFrameException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
            for (Frame frame; (frame = channel.readInbound()) != null; ) {
                decodeBodyQuietly(frame);
                assertThat(frame.release()).isTrue();
            }
            try {
                channel.finishAndReleaseAll();
            } catch (DecoderException ignored) {
                // a partial frame left at close is reported again; that is fine here
            }
            if (bytes.length > 0) { // Unpooled.EMPTY_BUFFER is never released
                assertThat(wire.refCnt()).as("input %d leaked", i).isZero();
            }
        }
    }

    /** Half pure noise, half plausible frames with a valid length and type and a random body. */
    private static byte[] randomInput(Random random, int i) {
        if (i % 2 == 0) {
            byte[] noise = new byte[random.nextInt(64)];
            random.nextBytes(noise);
            return noise;
        }
        byte[] body = new byte[random.nextInt(40)];
        random.nextBytes(body);
        ByteBuf frame = Unpooled.buffer().writeInt(6 + body.length).writeByte(1 + random.nextInt(FrameType.MAX_CODE))
                .writeByte(random.nextInt(2)).writeInt(random.nextInt()).writeBytes(body);
        byte[] bytes = new byte[frame.readableBytes() - (i % 3 == 0 ? random.nextInt(frame.readableBytes()) : 0)];
        frame.readBytes(bytes);
        return bytes;
    }

    private static void decodeBodyQuietly(Frame frame) {
        try {
            FrameBodies.decode(frame);
        } catch (CorruptedFrameException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
