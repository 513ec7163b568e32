package io.rowmq.broker.net;

import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.HandshakeRequest;

import java.util.concurrent.CompletableFuture;

/**
 * Decides whether a handshake's credentials are good. Completes with the authenticated user
 * name, or fails with a {@link BrokerError} of code {@code AUTHENTICATION_FAILED}. Must not
 * block: it runs on the network event loop.
 */
@FunctionalInterface
public interface Authenticator {

    /** Accepts everyone, as the user they claim to be; the default until users are configured. */
    Authenticator ACCEPT_ALL = handshake -> CompletableFuture.completedFuture(handshake.user());

    CompletableFuture<String> authenticate(HandshakeRequest handshake);
}
