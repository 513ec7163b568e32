package io.rowmq.broker.net;

/**
 * Who a connection is, as established by its handshake: a broker user, or anonymous.
 *
 * @param user the user name, or null for an anonymous connection
 */
public record Principal(String user) {
    public static final Principal ANONYMOUS = new Principal(null);

    public static Principal user(String name) {
        if (name == null) {
            throw new IllegalArgumentException("A user principal needs a name; use Principal.ANONYMOUS");
        }
        return new Principal(name);
    }

    public boolean anonymous() {
        return user == null;
    }

    /** "user 'alice'" or "an anonymous connection", for messages. */
    @Override
    public String toString() {
        return anonymous() ? "an anonymous connection" : "user '" + user + "'";
    }
}
