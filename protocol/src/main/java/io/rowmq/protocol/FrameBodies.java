package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Decodes a frame's body into its typed message by frame type and direction. Bodies that
 * carry nothing decode to {@link WireMessage#EMPTY}. Does not release the frame.
 */
public final class FrameBodies {

    private FrameBodies() {
    }

    /** @throws io.netty.handler.codec.CorruptedFrameException when the body does not parse */
    public static WireMessage decode(Frame frame) {
        ByteBuf in = frame.body().duplicate();
        return frame.isResponse() ? decodeResponse(frame.type(), in) : decodeRequest(frame.type(), in);
    }

    public static WireMessage decodeRequest(FrameType type, ByteBuf in) {
        return switch (type) {
            case HANDSHAKE -> HandshakeRequest.decode(in);
            case PRODUCE -> ProduceRequest.decode(in);
            case CREATE_TOPIC -> CreateTopicRequest.decode(in);
            case DELETE_TOPIC, METADATA -> TopicNameRequest.decode(in);
            case SUBSCRIBE -> SubscribeRequest.decode(in);
            case FETCH -> FetchRequest.decode(in);
            case ACK -> AckRequest.decode(in);
            case RELEASE -> ReleaseRequest.decode(in);
            case HEARTBEAT -> empty(in, "HEARTBEAT request");
            case CLOSE -> CloseRequest.decode(in);
            case ERROR -> ErrorReply.decode(in);
            case DELETE_GROUP -> DeleteGroupRequest.decode(in);
            case BROWSE -> BrowseRequest.decode(in);
            case SET_CLIENT_ID -> SetClientIdRequest.decode(in);
            case CREATE_TEMPORARY_TOPIC -> CreateTemporaryTopicRequest.decode(in);
            case USER_ADMIN -> UserAdminRequest.decode(in);
            case TX_COMMIT -> TransactionWork.decodeRequest(in);
            case TX_PREPARE -> TxPrepareRequest.decode(in);
            case TX_END -> TxEndRequest.decode(in);
            case TX_RECOVER -> empty(in, "TX_RECOVER request");
        };
    }

    public static WireMessage decodeResponse(FrameType type, ByteBuf in) {
        return switch (type) {
            case HANDSHAKE -> HandshakeResponse.decode(in);
            case PRODUCE -> ProduceResult.decode(in);
            case CREATE_TOPIC, CREATE_TEMPORARY_TOPIC -> TopicInfo.decode(in);
            case METADATA -> MetadataResponse.decode(in);
            case SUBSCRIBE -> SubscribeResponse.decode(in);
            case FETCH -> FetchResponse.decode(in);
            case BROWSE -> BrowsePage.decode(in);
            case DELETE_TOPIC, ACK, RELEASE, HEARTBEAT, CLOSE, DELETE_GROUP, SET_CLIENT_ID, TX_COMMIT, TX_PREPARE, TX_END ->
                    empty(in, type + " reply");
            case ERROR -> ErrorReply.decode(in);
            case USER_ADMIN -> UserAdminResponse.decode(in);
            case TX_RECOVER -> TxRecoverResponse.decode(in);
        };
    }

    private static WireMessage empty(ByteBuf in, String what) {
        WireMessage.decodeEmpty(in, what);
        return WireMessage.EMPTY;
    }
}
