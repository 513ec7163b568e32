package io.rowmq.broker.net;

import io.rowmq.broker.admin.UserStore;
import io.rowmq.broker.store.StoreErrors;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.HandshakeRequest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Checks a handshake's user and password against the {@link UserStore} on its own executor
 * (hashing is slow; the event loop never waits for it). A handshake without a user is anonymous
 * and allowed only when the broker allows anonymous connections. Caches nothing: each
 * handshake reads the user's row, so a changed password or a removed user counts at once.
 */
public final class PasswordAuthenticator implements Authenticator {
    /** The mechanism a handshake names when it carries a plain password; null means the same. */
    public static final String PLAIN = "PLAIN";
    /** The text of the refusal of an anonymous handshake. */
    public static final String ANONYMOUS_REFUSED =
            "Anonymous connections are refused by this broker; connect with a user name and password";

    private final UserStore users;
    private final boolean allowAnonymous;
    private final Executor executor;

    public PasswordAuthenticator(UserStore users, boolean allowAnonymous, Executor executor) {
        this.users = users;
        this.allowAnonymous = allowAnonymous;
        this.executor = executor;
    }

    /** The text of the refusal of a named user: says who, not why. */
    public static String refusal(String user) {
        return "User '" + user + "' was refused: unknown user or wrong password";
    }

    @Override
    public CompletableFuture<Principal> authenticate(HandshakeRequest handshake) {
        String user = handshake.user();
        if (user == null) {
            return allowAnonymous ? CompletableFuture.completedFuture(Principal.ANONYMOUS)
                    : CompletableFuture.failedFuture(new BrokerError(ErrorCode.AUTHENTICATION_FAILED, ANONYMOUS_REFUSED));
        }
        if (handshake.mechanism() != null && !PLAIN.equals(handshake.mechanism())) {
            return CompletableFuture.failedFuture(new BrokerError(ErrorCode.AUTHENTICATION_FAILED, "User '" + user
                    + "' was refused: mechanism '" + handshake.mechanism() + "' is not supported; use " + PLAIN));
        }
        byte[] credentials = handshake.credentials() == null ? new byte[0] : handshake.credentials();
        CompletableFuture<Principal> result = new CompletableFuture<>();
        try {
            executor.execute(() -> check(user, credentials, result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new BrokerError(ErrorCode.SHUTTING_DOWN,
                    "The broker is stopping; the handshake of user '" + user + "' was not checked", e));
        }
        return result;
    }

    private void check(String user, byte[] credentials, CompletableFuture<Principal> result) {
        char[] password = toChars(credentials);
        try {
            if (users.verify(user, password)) {
                result.complete(Principal.user(user));
            } else {
                result.completeExceptionally(new BrokerError(ErrorCode.AUTHENTICATION_FAILED, refusal(user)));
            }
        } catch (Exception e) {
            result.completeExceptionally(StoreErrors.translate("Checking the password of user '" + user + "'", e));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static char[] toChars(byte[] utf8) {
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(utf8));
        char[] chars = new char[decoded.remaining()];
        decoded.get(chars);
        Arrays.fill(decoded.array(), '\0');
        return chars;
    }
}
