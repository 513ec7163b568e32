package io.rowmq.broker.net;

import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.HandshakeRequest;

import java.util.concurrent.CompletableFuture;

/**
 * Decides whether a handshake's credentials are good. Completes with who the connection is, or
 * fails with a {@link BrokerError} of code {@code AUTHENTICATION_FAILED} whose message names
 * the user refused (not why in detail). Called on the network event loop, so it must not block:
 * slow work (password hashing, the database) goes to another thread.
 */
@FunctionalInterface
public interface Authenticator {

    /** Accepts everyone, as the user they claim to be: for tests and embedded use without a user store. */
    Authenticator ACCEPT_ALL = handshake -> CompletableFuture.completedFuture(
            handshake.user() == null ? Principal.ANONYMOUS : Principal.user(handshake.user()));

    CompletableFuture<Principal> authenticate(HandshakeRequest handshake);
}
