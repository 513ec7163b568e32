package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;

/**
 * USER_ADMIN request: list the broker's users, set a user's password (creating the user when
 * new) or remove a user.
 *
 * @param action   what to do
 * @param name     the user acted on; null for {@link Action#LIST}
 * @param password the new password as UTF-8 for {@link Action#SET_PASSWORD}, otherwise null
 */
public record UserAdminRequest(Action action, String name, byte[] password) implements WireMessage {

    /** What a USER_ADMIN request does; the wire code is {@link #code()}. */
    public enum Action {
        LIST(0),
        SET_PASSWORD(1),
        REMOVE(2);

        private final int code;

        Action(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    public static UserAdminRequest list() {
        return new UserAdminRequest(Action.LIST, null, null);
    }

    public static UserAdminRequest setPassword(String name, byte[] password) {
        return new UserAdminRequest(Action.SET_PASSWORD, name, password);
    }

    public static UserAdminRequest remove(String name) {
        return new UserAdminRequest(Action.REMOVE, name, null);
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeByte(action.code());
        WireFormat.writeString(out, name);
        WireFormat.writeBytes(out, password);
    }

    public static UserAdminRequest decode(ByteBuf in) {
        int code = WireFormat.readUnsignedByte(in, "action");
        Action[] actions = Action.values();
        if (code >= actions.length) {
            throw new CorruptedFrameException("USER_ADMIN request has action " + code + " (expected 0.."
                    + (actions.length - 1) + ")");
        }
        String name = WireFormat.readString(in, "name");
        byte[] password = WireFormat.readBytes(in, "password");
        WireFormat.requireFullyRead(in, "USER_ADMIN request");
        return new UserAdminRequest(actions[code], name, password);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "UserAdminRequest[" + action + (name == null ? "" : " '" + name + "'") + "]";
    }
}
