package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The transaction frames (TX_COMMIT, TX_PREPARE, TX_END, TX_RECOVER) through the real encoder and decoder. */
class TransactionFramesTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;
    private static final TransactionXid XID = new TransactionXid(0x1234, new byte[] {1, 2, 3}, new byte[] {9});
    private static final TransactionWork WORK = new TransactionWork(
            List.of(new TransactionSend("orders", -1, List.of(new byte[] {1, 2}, new byte[0])),
                    new TransactionSend("audit", 3, List.of(new byte[] {7}))),
            List.of(new TransactionAck(5, List.of(new MessageRef(0, 10), new MessageRef(2, 11))),
                    new TransactionAck(6, List.of())));

    @Test
    void theFrameTypesHaveTheirAssignedCodes() {
        assertThat(FrameType.TX_COMMIT.code()).isEqualTo(18);
        assertThat(FrameType.TX_PREPARE.code()).isEqualTo(19);
        assertThat(FrameType.TX_END.code()).isEqualTo(20);
        assertThat(FrameType.TX_RECOVER.code()).isEqualTo(21);
        for (int code = 18; code <= 21; code++) {
            assertThat(FrameType.fromCode(code).code()).isEqualTo(code);
        }
        assertThat(FrameType.fromCode(22)).isNull();
    }

    @Test
    void requestsRoundTrip() {
        assertThat(requestRoundTrip(FrameType.TX_COMMIT, WORK)).usingRecursiveComparison().isEqualTo(WORK);
        TransactionWork empty = new TransactionWork(List.of(), List.of());
        assertThat(requestRoundTrip(FrameType.TX_COMMIT, empty)).usingRecursiveComparison().isEqualTo(empty);
        TxPrepareRequest prepare = new TxPrepareRequest(XID, WORK);
        assertThat(requestRoundTrip(FrameType.TX_PREPARE, prepare)).usingRecursiveComparison().isEqualTo(prepare);
        assertThat(requestRoundTrip(FrameType.TX_END, new TxEndRequest(XID, true))).isEqualTo(new TxEndRequest(XID, true));
        assertThat(requestRoundTrip(FrameType.TX_END, new TxEndRequest(XID, false)))
                .isEqualTo(new TxEndRequest(XID, false));
        assertThat(requestRoundTrip(FrameType.TX_RECOVER, WireMessage.EMPTY)).isSameAs(WireMessage.EMPTY);
    }

    @Test
    void repliesRoundTrip() {
        for (FrameType type : List.of(FrameType.TX_COMMIT, FrameType.TX_PREPARE, FrameType.TX_END)) {
            assertThat(responseRoundTrip(type, WireMessage.EMPTY)).isSameAs(WireMessage.EMPTY);
        }
        TxRecoverResponse xids = new TxRecoverResponse(List.of(XID,
                new TransactionXid(-1, new byte[64], new byte[0])));
        assertThat(responseRoundTrip(FrameType.TX_RECOVER, xids)).isEqualTo(xids);
        assertThat(responseRoundTrip(FrameType.TX_RECOVER, new TxRecoverResponse(List.of())))
                .isEqualTo(new TxRecoverResponse(List.of()));
    }

    @Test
    void xidsCompareByValueAndCopyTheirBytes() {
        byte[] gtrid = {1, 2, 3};
        TransactionXid xid = new TransactionXid(0x1234, gtrid, new byte[] {9});
        gtrid[0] = 42;
        assertThat(xid).isEqualTo(XID).hasSameHashCodeAs(XID);
        xid.gtrid()[1] = 42;
        assertThat(xid).isEqualTo(XID);
        assertThat(xid).hasToString("Xid[4660:010203:09]");
        assertThatThrownBy(() -> new TransactionXid(1, new byte[65], new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gtrid must be 0..64 bytes, was 65");
    }

    @Test
    void rejectsTransactionBodiesThatDoNotParse() {
        ByteBuf longGtrid = Unpooled.buffer().writeInt(1).writeInt(65).writeZero(65).writeInt(0).writeByte(1);
        assertThatThrownBy(() -> FrameBodies.decodeRequest(FrameType.TX_END, longGtrid))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("gtrid must be 0..64 bytes");
        ByteBuf badQueue = Unpooled.buffer().writeInt(1).writeInt(1).writeByte('t').writeInt(-2).writeInt(0).writeInt(0);
        assertThatThrownBy(() -> FrameBodies.decodeRequest(FrameType.TX_COMMIT, badQueue))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("queue index must be -1 or more");
        ByteBuf nullTopic = Unpooled.buffer().writeInt(1).writeInt(-1).writeInt(0).writeInt(0).writeInt(0);
        assertThatThrownBy(() -> FrameBodies.decodeRequest(FrameType.TX_COMMIT, nullTopic))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("needs a topic");
        ByteBuf hugeCount = Unpooled.buffer().writeInt(0).writeInt(1_000_000);
        assertThatThrownBy(() -> FrameBodies.decodeRequest(FrameType.TX_COMMIT, hugeCount))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("ack count");
        ByteBuf trailing = Unpooled.buffer().writeInt(0).writeInt(0).writeByte(0);
        assertThatThrownBy(() -> FrameBodies.decodeRequest(FrameType.TX_COMMIT, trailing))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("TX_COMMIT request has 1 trailing");
        ByteBuf recoverBody = Unpooled.buffer().writeByte(0);
        assertThatThrownBy(() -> FrameBodies.decodeRequest(FrameType.TX_RECOVER, recoverBody))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("TX_RECOVER request");
        ByteBuf badCommitFlag = Unpooled.buffer();
        XID.encode(badCommitFlag);
        badCommitFlag.writeByte(2);
        assertThatThrownBy(() -> FrameBodies.decodeRequest(FrameType.TX_END, badCommitFlag))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("'commit' is a bool but holds 2");
    }

    private static WireMessage requestRoundTrip(FrameType type, WireMessage message) {
        return decoded(Frame.request(type, 3, message, ALLOC), type, false);
    }

    private static WireMessage responseRoundTrip(FrameType type, WireMessage message) {
        return decoded(Frame.response(type, 3, message, ALLOC), type, true);
    }

    private static WireMessage decoded(Frame frame, FrameType type, boolean response) {
        EmbeddedChannel encoder = new EmbeddedChannel(new FrameEncoder());
        encoder.writeOutbound(frame);
        ByteBuf wire = Unpooled.buffer();
        for (ByteBuf part; (part = encoder.readOutbound()) != null; ) {
            wire.writeBytes(part);
            part.release();
        }
        EmbeddedChannel decoder = new EmbeddedChannel(new FrameDecoder());
        decoder.writeInbound(wire);
        Frame decoded = decoder.readInbound();
        try {
            assertThat(decoded.type()).isEqualTo(type);
            assertThat(decoded.isResponse()).isEqualTo(response);
            assertThat(decoded.requestId()).isEqualTo(3);
            return FrameBodies.decode(decoded);
        } finally {
            decoded.release();
        }
    }
}
