package io.rowmq.broker.net;

import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.ErrorCode;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The JMS client ids held by the live connections of this broker: at most one connection per
 * id. A connection takes its id in the handshake or with SET_CLIENT_ID and gives it back when
 * it ends. Brokers sharing a database do not see each other's ids (docs/decisions.md, D13).
 */
final class ClientIds {
    /** Longer ids are refused: they would only ever be a mistake. */
    static final int MAX_LENGTH = 255;

    private final String brokerId;
    private final ConcurrentMap<String, Long> holders = new ConcurrentHashMap<>();

    ClientIds(String brokerId) {
        this.brokerId = brokerId;
    }

    /**
     * Gives {@code clientId} to the connection; taking an id it already holds again is fine.
     *
     * @throws BrokerError CLIENT_ID_IN_USE when another live connection holds it, INVALID_REQUEST
     *                     for a blank or over-long id
     */
    void claim(String clientId, long connectionId) {
        if (clientId == null || clientId.isBlank() || clientId.length() > MAX_LENGTH) {
            throw new BrokerError(ErrorCode.INVALID_REQUEST, "Client id '" + clientId + "' is not valid: use 1 to "
                    + MAX_LENGTH + " characters, not all blank");
        }
        Long holder = holders.putIfAbsent(clientId, connectionId);
        if (holder != null && holder != connectionId) {
            throw new BrokerError(ErrorCode.CLIENT_ID_IN_USE, "Client id '" + clientId + "' is held by connection "
                    + holder + " of broker '" + brokerId + "'; close that connection or choose another client id");
        }
    }

    /** Gives the id back if this connection holds it. */
    void release(String clientId, long connectionId) {
        if (clientId != null) {
            holders.remove(clientId, connectionId);
        }
    }

    /** The connection holding the id, or null. */
    Long holder(String clientId) {
        return holders.get(clientId);
    }
}
