package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;

import java.util.ArrayList;
import java.util.List;

/**
 * USER_ADMIN reply: what happened and the users concerned (all of them, by name, for a list;
 * the one created or changed; none after a removal).
 */
public record UserAdminResponse(Outcome outcome, List<User> users) implements WireMessage {
    /** A user takes at least a name length and two longs. */
    private static final int MIN_USER_SIZE = 20;

    public UserAdminResponse {
        users = List.copyOf(users);
    }

    /** What a USER_ADMIN request did; the wire code is the ordinal. */
    public enum Outcome {
        LISTED, CREATED, UPDATED, REMOVED
    }

    /**
     * A broker user as the broker describes it: never its password or hash.
     *
     * @param createdAt epoch milliseconds
     * @param updatedAt epoch milliseconds of the last password change
     */
    public record User(String name, long createdAt, long updatedAt) {
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeByte(outcome.ordinal());
        out.writeInt(users.size());
        for (User user : users) {
            WireFormat.writeString(out, user.name());
            out.writeLong(user.createdAt());
            out.writeLong(user.updatedAt());
        }
    }

    public static UserAdminResponse decode(ByteBuf in) {
        int code = WireFormat.readUnsignedByte(in, "outcome");
        Outcome[] outcomes = Outcome.values();
        if (code >= outcomes.length) {
            throw new CorruptedFrameException("USER_ADMIN reply has outcome " + code + " (expected 0.."
                    + (outcomes.length - 1) + ")");
        }
        int count = WireFormat.readCount(in, "user count", MIN_USER_SIZE);
        List<User> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            users.add(new User(WireFormat.readString(in, "user name"), WireFormat.readLong(in, "createdAt"),
                    WireFormat.readLong(in, "updatedAt")));
        }
        WireFormat.requireFullyRead(in, "USER_ADMIN reply");
        return new UserAdminResponse(outcomes[code], users);
    }
}
