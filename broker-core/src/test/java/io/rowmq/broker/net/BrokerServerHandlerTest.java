package io.rowmq.broker.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.rowmq.broker.testing.InMemoryBrokerEngine;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.CloseRequest;
import io.rowmq.protocol.CreateTemporaryTopicRequest;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.ErrorReply;
import io.rowmq.protocol.FetchRequest;
import io.rowmq.protocol.Frame;
import io.rowmq.protocol.FrameType;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.HandshakeRequest;
import io.rowmq.protocol.HandshakeResponse;
import io.rowmq.protocol.ProduceRequest;
import io.rowmq.protocol.SetClientIdRequest;
import io.rowmq.protocol.SubscribeRequest;
import io.rowmq.protocol.SubscribeResponse;
import io.rowmq.protocol.TopicInfo;
import io.rowmq.protocol.TopicNameRequest;
import io.rowmq.protocol.UserAdminRequest;
import io.rowmq.protocol.WireMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-connection rules of the server handler, on an EmbeddedChannel with an in-memory engine. */
class BrokerServerHandlerTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    private final InMemoryBrokerEngine engine = new InMemoryBrokerEngine();
    private final InFlightRequests inFlight = new InFlightRequests();
    private final ClientIds clientIds = new ClientIds("unit");
    private final EmbeddedChannel channel = new EmbeddedChannel(new BrokerServerHandler(engine,
            ServerSettings.loopback("unit"), ServerSecurity.acceptAll(), inFlight, new ProduceBudget(ProduceBudget.DEFAULT_LIMIT), clientIds, 42));

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
        engine.close();
    }

    private <T> T request(FrameType type, int id, WireMessage body, Function<ByteBuf, T> decoder) {
        channel.writeInbound(Frame.request(type, id, body, ALLOC));
        Frame reply = channel.readOutbound();
        try {
            assertThat(reply.requestId()).isEqualTo(id);
            assertThat(reply.isResponse()).isTrue();
            if (reply.type() == FrameType.ERROR) {
                @SuppressWarnings("unchecked")
                T error = (T) ErrorReply.decode(reply.body());
                return error;
            }
            assertThat(reply.type()).isEqualTo(type);
            return decoder.apply(reply.body());
        } finally {
            reply.release();
        }
    }

    private void handshake() {
        HandshakeResponse response = request(FrameType.HANDSHAKE, 1, HandshakeRequest.plain("c", "u", null),
                HandshakeResponse::decode);
        assertThat(response.connectionId()).isEqualTo(42);
        assertThat(response.brokerId()).isEqualTo("unit");
    }

    @Test
    void closesTheConsumersOfAConnectionThatGoesAway() {
        handshake();
        SubscribeResponse first = request(FrameType.SUBSCRIBE, 2,
                new SubscribeRequest("t", "g", GroupKind.QUEUE, null, true), SubscribeResponse::decode);
        SubscribeResponse second = request(FrameType.SUBSCRIBE, 3,
                new SubscribeRequest("t", "g", GroupKind.QUEUE, null, true), SubscribeResponse::decode);
        request(FrameType.CLOSE, 4, new CloseRequest(first.consumerId()), body -> null);
        channel.close();
        assertThat(engine.closedConsumers()).containsExactly(first.consumerId(), second.consumerId());
    }

    @Test
    void rejectsConsumersNotOpenedOnThisConnection() {
        handshake();
        ErrorReply error = request(FrameType.FETCH, 2, new FetchRequest(99, 1, 0), body -> null);
        assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_CONSUMER);
        assertThat(error.message()).contains("consumer 99", "connection 42");
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void mapsEngineFailuresToErrorReplies() {
        handshake();
        ErrorReply unknown = request(FrameType.PRODUCE, 2, new ProduceRequest("missing", -1, 0, 0, List.of()),
                body -> null);
        assertThat(unknown.code()).isEqualTo(ErrorCode.UNKNOWN_TOPIC);
        assertThat(unknown.message()).contains("'missing'");
    }

    @Test
    void aSecondHandshakeIsInvalidAndAReplyFrameIsFatal() {
        handshake();
        ErrorReply again = request(FrameType.HANDSHAKE, 5, HandshakeRequest.plain("c", "u", null), body -> null);
        assertThat(again.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        channel.writeInbound(Frame.response(FrameType.HEARTBEAT, 6, WireMessage.EMPTY, ALLOC));
        Frame reply = channel.readOutbound();
        ErrorReply error = ErrorReply.decode(reply.body());
        reply.release();
        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_FRAME);
        channel.runPendingTasks();
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void refusesNewRequestsWhileClosing() throws Exception {
        handshake();
        assertThat(inFlight.closeAndAwait(0)).isZero();
        ErrorReply error = request(FrameType.METADATA, 2, new TopicNameRequest(null), body -> null);
        assertThat(error.code()).isEqualTo(ErrorCode.SHUTTING_DOWN);
        assertThat(error.retriable()).isTrue();
    }

    @Test
    void recordsWhoTheConnectionIsAndAsksTheAuthorizerAboutEachDestination() {
        List<String> asked = new ArrayList<>();
        BrokerServerHandler handler = new BrokerServerHandler(engine, ServerSettings.loopback("unit"),
                ServerSecurity.of(Authenticator.ACCEPT_ALL, (principal, action, topic) -> {
                    asked.add(principal.user() + " " + action + " " + topic);
                    return action != Authorizer.Action.SEND;
                }), inFlight, new ProduceBudget(ProduceBudget.DEFAULT_LIMIT), new ClientIds("unit"), 44);
        EmbeddedChannel guarded = new EmbeddedChannel(handler);
        guarded.writeInbound(Frame.request(FrameType.HANDSHAKE, 1, HandshakeRequest.plain("c", "joe", null), ALLOC));
        ((Frame) guarded.readOutbound()).release();
        assertThat(handler.principal()).isEqualTo(Principal.user("joe"));

        guarded.writeInbound(Frame.request(FrameType.PRODUCE, 2,
                new ProduceRequest("orders", -1, 0, 0, List.of(new byte[] {1})), ALLOC));
        Frame refused = guarded.readOutbound();
        ErrorReply error = ErrorReply.decode(refused.body());
        refused.release();
        assertThat(error.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
        assertThat(error.message()).isEqualTo("PRODUCE request 2 refused: user 'joe' may not SEND on topic 'orders'");
        assertThat(guarded.isActive()).as("a refused request leaves the connection open").isTrue();

        guarded.writeInbound(Frame.request(FrameType.METADATA, 3, new TopicNameRequest(null), ALLOC));
        Frame listed = guarded.readOutbound();
        assertThat(listed.type()).isEqualTo(FrameType.METADATA);
        listed.release();
        assertThat(asked).containsExactly("joe SEND orders", "joe DESCRIBE null");
        guarded.finishAndReleaseAll();
    }

    @Test
    void answersUserAdminWithAnErrorWhenTheBrokerKeepsNoUsers() {
        handshake();
        ErrorReply error = request(FrameType.USER_ADMIN, 2, UserAdminRequest.list(), body -> null);
        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(error.message()).isEqualTo("Broker 'unit' keeps no users; USER_ADMIN request 2 was not run");
    }

    @Test
    void reportsAFailingAuthenticatorAsAuthenticationFailedAndCloses() {
        EmbeddedChannel refusing = new EmbeddedChannel(new BrokerServerHandler(engine, ServerSettings.loopback("unit"),
                ServerSecurity.of(handshake -> CompletableFuture.failedFuture(new BrokerError(
                        ErrorCode.AUTHENTICATION_FAILED, "User '" + handshake.user() + "' is unknown"))),
                inFlight, new ProduceBudget(ProduceBudget.DEFAULT_LIMIT), new ClientIds("unit"), 43));
        refusing.writeInbound(Frame.request(FrameType.HANDSHAKE, 1, HandshakeRequest.plain("c", "eve", null), ALLOC));
        Frame reply = refusing.readOutbound();
        ErrorReply error = ErrorReply.decode(reply.body());
        reply.release();
        assertThat(error.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
        assertThat(error.message()).contains("'eve'");
        refusing.runPendingTasks();
        assertThat(refusing.isActive()).isFalse();
        refusing.finishAndReleaseAll();
    }

    @Test
    void aClientIdHeldByOneConnectionRefusesTheHandshakeOfAnotherUntilItGoesAway() {
        handshake();
        assertThat(clientIds.holder("c")).isEqualTo(42L);
        EmbeddedChannel second = new EmbeddedChannel(new BrokerServerHandler(engine, ServerSettings.loopback("unit"),
                ServerSecurity.acceptAll(), inFlight, new ProduceBudget(ProduceBudget.DEFAULT_LIMIT), clientIds, 43));
        second.writeInbound(Frame.request(FrameType.HANDSHAKE, 1, HandshakeRequest.plain("c", "u", null), ALLOC));
        Frame reply = second.readOutbound();
        ErrorReply error = ErrorReply.decode(reply.body());
        reply.release();
        assertThat(error.code()).isEqualTo(ErrorCode.CLIENT_ID_IN_USE);
        assertThat(error.message()).contains("'c'", "connection 42");
        second.runPendingTasks();
        assertThat(second.isActive()).isFalse();
        second.finishAndReleaseAll();
        assertThat(clientIds.holder("c")).as("the refused connection took nothing").isEqualTo(42L);

        channel.close();
        assertThat(clientIds.holder("c")).isNull();
    }

    @Test
    void tellsTheEngineWhenAConnectionEndsSoItsTemporaryTopicsGo() {
        handshake();
        TopicInfo info = request(FrameType.CREATE_TEMPORARY_TOPIC, 2, new CreateTemporaryTopicRequest("tmp", 1),
                TopicInfo::decode);
        assertThat(info.name()).isEqualTo("tmp");
        request(FrameType.SET_CLIENT_ID, 3, new SetClientIdRequest("c"), body -> null);
        ErrorReply other = request(FrameType.SET_CLIENT_ID, 4, new SetClientIdRequest("d"), body -> null);
        assertThat(other.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(engine.closedConnections()).isEmpty();
        channel.close();
        assertThat(engine.closedConnections()).containsExactly(42L);
    }
}
