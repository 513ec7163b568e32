package io.rowmq.broker.net;

import io.rowmq.jms.provider.RowMQClient;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.Frame;
import io.rowmq.protocol.FrameType;
import io.rowmq.protocol.HandshakeRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.ExecutionException;

import static io.rowmq.broker.net.BrokerRoundTripIT.brokerError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SET_CLIENT_ID and the handshake's client id: one live connection per client id on a broker. */
@Timeout(60)
class ClientIdIT {
    private static ServerFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ServerFixture(Frame.DEFAULT_MAX_FRAME_SIZE);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    /** Sets the client id, retrying while the connection that held it is still going away (at most 10 s). */
    private static void setClientIdEventually(RowMQClient client, String clientId) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                client.setClientId(clientId).get();
                return;
            } catch (ExecutionException e) {
                assertThat(System.nanoTime()).as("client id still held 10 s later: " + e.getCause())
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }

    @Test
    void aClientIdIsHeldByOneConnectionAndFreedWhenItCloses() throws Exception {
        try (RowMQClient second = fixture.connect((String) null)) {
            RowMQClient first = fixture.connect((String) null);
            first.setClientId("cid.one").get();
            first.setClientId("cid.one").get();
            assertThat(brokerError(second.setClientId("cid.one")))
                    .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.CLIENT_ID_IN_USE))
                    .hasMessageContaining("'cid.one'").hasMessageContaining("connection " + first.connectionId());
            assertThat(brokerError(first.setClientId("cid.other")))
                    .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                    .hasMessageContaining("already has client id 'cid.one'");
            first.close();
            second.setClientId("cid.one").get(); // freed before the CLOSE reply: no wait needed
        }
    }

    @Test
    void theHandshakeClientIdGoesThroughTheSameCheck() throws Exception {
        try (RowMQClient holder = fixture.connect("cid.handshake")) {
            assertThatThrownBy(() -> fixture.connect("cid.handshake"))
                    .isInstanceOfSatisfying(BrokerError.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CLIENT_ID_IN_USE))
                    .hasMessageContaining("'cid.handshake'");
            try (RowMQClient other = fixture.connect((String) null)) {
                assertThat(brokerError(other.setClientId("cid.handshake")).code())
                        .isEqualTo(ErrorCode.CLIENT_ID_IN_USE);
            }
            holder.setClientId("cid.handshake").get();
        }
        try (RowMQClient again = fixture.connect("cid.handshake")) {
            assertThat(again.isOpen()).isTrue();
        }
    }

    @Test
    void aConnectionThatDropsWithoutClosingGivesItsClientIdBack() throws Exception {
        try (RawConnection raw = fixture.raw()) {
            raw.writeRequest(FrameType.HANDSHAKE, 1, HandshakeRequest.plain("cid.dropped", null, null));
            assertThat(raw.readFrame().type()).isEqualTo(FrameType.HANDSHAKE.code());
        } // the socket closes without a CLOSE request
        try (RowMQClient client = fixture.connect((String) null)) {
            setClientIdEventually(client, "cid.dropped");
        }
    }

    @Test
    void refusesBlankClientIds() throws Exception {
        try (RowMQClient client = fixture.connect((String) null)) {
            assertThat(brokerError(client.setClientId(" ")).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(brokerError(client.setClientId(null)).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(client.isOpen()).isTrue();
        }
    }
}
