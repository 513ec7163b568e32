package io.rowmq.broker.admin;

/**
 * The client connection a temporary topic belongs to: the broker that accepted the connection
 * and the id that broker gave it (announced in the handshake reply).
 */
public record TopicOwner(String brokerId, long connectionId) {

    public TopicOwner {
        if (brokerId == null || brokerId.isBlank()) {
            throw new IllegalArgumentException("A temporary topic's owner needs a broker id");
        }
    }

    /** True when this is the connection {@code connectionId} of broker {@code broker}. */
    public boolean is(String broker, long connection) {
        return brokerId.equals(broker) && connectionId == connection;
    }

    @Override
    public String toString() {
        return "connection " + connectionId + " of broker '" + brokerId + "'";
    }
}
