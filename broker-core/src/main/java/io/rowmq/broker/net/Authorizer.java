package io.rowmq.broker.net;

/**
 * Decides what an authenticated connection may do. The seam for per-destination permissions:
 * today's rule, {@link #ALLOW_ALL}, lets every connection that passed the handshake do
 * everything. Called on the network event loop for every request that names a destination, so
 * it must answer from memory and fast.
 */
@FunctionalInterface
public interface Authorizer {

    /** What a request does, as far as permissions go. */
    enum Action {
        SEND, CONSUME, CREATE_TOPIC, DELETE_TOPIC, DESCRIBE, MANAGE_USERS
    }

    /** Every authenticated connection may do everything (user management has its own rule: UserAdministration). */
    Authorizer ALLOW_ALL = (principal, action, topic) -> true;

    /**
     * @param topic the destination acted on, or null when the action names none (list all topics, manage users)
     * @return true when {@code principal} may do {@code action}
     */
    boolean permits(Principal principal, Action action, String topic);
}
