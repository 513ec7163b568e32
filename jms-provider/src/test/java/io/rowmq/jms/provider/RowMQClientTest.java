package io.rowmq.jms.provider;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.ErrorReply;
import io.rowmq.protocol.FrameType;
import io.rowmq.protocol.HandshakeResponse;
import io.rowmq.protocol.TopicInfo;
import io.rowmq.protocol.WireMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The client against a scripted peer on a plain socket: handshake outcomes, timeouts, connection loss. */
@Timeout(30)
class RowMQClientTest {

    /** Accepts one connection, reads the handshake and answers it with {@code reply}; then runs {@code after}. */
    private interface Script {
        void run(DataInputStream in, OutputStream out) throws IOException;
    }

    private static ServerSocket peer(FrameType replyType, WireMessage reply, Script after) throws IOException {
        ServerSocket server = new ServerSocket(0);
        Thread thread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                int requestId = readFrame(in);
                socket.getOutputStream().write(frame(replyType, requestId, reply));
                after.run(in, socket.getOutputStream());
            } catch (IOException ignored) {
                // the test is over
            }
        }, "scripted-peer");
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    private static int readFrame(DataInputStream in) throws IOException {
        int length = in.readInt();
        in.readUnsignedShort();
        int requestId = in.readInt();
        in.skipNBytes(length - 6);
        return requestId;
    }

    private static byte[] frame(FrameType type, int requestId, WireMessage body) {
        ByteBuf buf = Unpooled.buffer();
        body.encode(buf);
        ByteBuf frame = Unpooled.buffer().writeInt(6 + buf.readableBytes()).writeByte(type.code()).writeByte(1)
                .writeInt(requestId).writeBytes(buf);
        byte[] bytes = new byte[frame.readableBytes()];
        frame.readBytes(bytes);
        return bytes;
    }

    private static final HandshakeResponse WELCOME = new HandshakeResponse(1, "peer", 1 << 20, 9);

    private static ClientOptions options() {
        return new ClientOptions("c", "u", "secret", 2_000, 300, 1 << 20);
    }

    @Test
    void timesOutARequestThatGetsNoReply() throws Exception {
        try (ServerSocket server = peer(FrameType.HANDSHAKE, WELCOME, (in, out) -> in.readAllBytes());
             RowMQClient client = RowMQClient.connect("127.0.0.1", server.getLocalPort(), options())) {
            assertThat(client.brokerId()).isEqualTo("peer");
            assertThat(client.connectionId()).isEqualTo(9);
            CompletableFuture<Void> heartbeat = client.heartbeat();
            assertThatThrownBy(() -> heartbeat.get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TimeoutException.class)
                    .hasMessageContaining("HEARTBEAT request")
                    .hasMessageContaining("no reply within 300 ms");
            assertThat(client.outstandingRequests()).isZero();
            assertThat(client.isOpen()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(value = IoTransport.class, names = {"NIO", "EPOLL"})
    void talksOverEitherTransport(IoTransport transport) throws Exception {
        assumeTrue(transport == IoTransport.NIO || IoTransport.epollUnavailableReason() == null,
                "epoll is not available here");
        Script answerOneHeartbeat = (in, out) -> {
            int requestId = readFrame(in);
            out.write(frame(FrameType.HEARTBEAT, requestId, WireMessage.EMPTY));
            in.readAllBytes();
        };
        try (ServerSocket server = peer(FrameType.HANDSHAKE, WELCOME, answerOneHeartbeat);
             RowMQClient client = RowMQClient.connect("127.0.0.1", server.getLocalPort(),
                     options().withTransport(transport))) {
            assertThat(client.transport()).isEqualTo(transport);
            client.heartbeat().get(5, TimeUnit.SECONDS);
            assertThat(client.outstandingRequests()).isZero();
        }
    }

    @Test
    void refusedHandshakeThrowsTheBrokerError() throws Exception {
        ErrorReply refused = new ErrorReply(ErrorCode.AUTHENTICATION_FAILED, false, "User 'u' is unknown");
        try (ServerSocket server = peer(FrameType.ERROR, refused, (in, out) -> in.readAllBytes())) {
            assertThatThrownBy(() -> RowMQClient.connect("127.0.0.1", server.getLocalPort(), options()))
                    .isInstanceOfSatisfying(BrokerError.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED))
                    .hasMessageContaining("refused the handshake: User 'u' is unknown");
        }
    }

    @Test
    void aRefusalFollowedAtOnceByTheBrokerClosingStillCarriesTheCodeAndTheBrokersText() throws Exception {
        ErrorReply refused = new ErrorReply(ErrorCode.AUTHENTICATION_FAILED, false,
                "User 'u' was refused: unknown user or wrong password");
        for (int i = 0; i < 20; i++) {
            try (ServerSocket server = peer(FrameType.ERROR, refused, (in, out) -> { })) {
                assertThatThrownBy(() -> RowMQClient.connect("127.0.0.1", server.getLocalPort(), options()))
                        .isInstanceOfSatisfying(BrokerError.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED))
                        .hasMessageEndingWith("refused the handshake: User 'u' was refused: unknown user or wrong"
                                + " password");
            }
        }
    }

    @Test
    void connectionLossFailsOutstandingRequestsAndAConnectionErrorFailsThemWithItsCode() throws Exception {
        Script failAfterOneRequest = (in, out) -> {
            readFrame(in);
            out.write(frame(FrameType.ERROR, 0, new ErrorReply(ErrorCode.MALFORMED_FRAME, false, "bad frame")));
        };
        try (ServerSocket server = peer(FrameType.HANDSHAKE, WELCOME, failAfterOneRequest);
             RowMQClient client = RowMQClient.connect("127.0.0.1", server.getLocalPort(),
                     options().withRequestTimeoutMs(10_000))) {
            CompletableFuture<List<TopicInfo>> metadata = client.metadata(null);
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> metadata.get(5, TimeUnit.SECONDS));
            assertThat(failed.getCause()).isInstanceOf(BrokerError.class).hasMessageContaining("bad frame");
            assertThatThrownBy(() -> client.heartbeat().get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ConnectionLostException.class)
                    .hasMessageContaining("bad frame");
        }
    }

    @Test
    void failsClearlyWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        int freePort = port;
        assertThatThrownBy(() -> RowMQClient.connect("127.0.0.1", freePort, options()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Could not connect to RowMQ broker at 127.0.0.1:" + freePort);
    }

    @Test
    void rejectsImpossibleOptions() {
        assertThatThrownBy(() -> new ClientOptions(null, null, null, 0, 1, 1 << 20))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connect-timeout-ms");
        assertThat(options().toString()).doesNotContain("secret");
    }
}
