package io.rowmq.broker.net;

import io.rowmq.broker.admin.UserStore;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who may connect and what they may do: the {@link Authenticator} run at the handshake, the
 * {@link Authorizer} asked for each request, and the {@link UserAdministration} behind
 * USER_ADMIN (null when the broker keeps no users). Owns the threads that check passwords and
 * manage users; {@link #close()} stops them.
 */
public final class ServerSecurity implements AutoCloseable {
    /** Hashing is CPU-bound: two threads keep a burst of handshakes from taking every core. */
    private static final int THREADS = 2;

    private final Authenticator authenticator;
    private final Authorizer authorizer;
    private final UserAdministration users;
    private final ExecutorService threads;

    private ServerSecurity(Authenticator authenticator, Authorizer authorizer, UserAdministration users,
                           ExecutorService threads) {
        this.authenticator = authenticator;
        this.authorizer = authorizer;
        this.users = users;
        this.threads = threads;
    }

    /** Every handshake accepted as the user it names, every request allowed, no user management. */
    public static ServerSecurity acceptAll() {
        return of(Authenticator.ACCEPT_ALL);
    }

    /** The given authenticator, every request allowed, no user management: for tests. */
    public static ServerSecurity of(Authenticator authenticator) {
        return of(authenticator, Authorizer.ALLOW_ALL);
    }

    /** The given authenticator and authorizer, no user management: for tests. */
    public static ServerSecurity of(Authenticator authenticator, Authorizer authorizer) {
        return new ServerSecurity(authenticator, authorizer, null, null);
    }

    /**
     * Passwords checked against {@code users}, which USER_ADMIN requests also manage.
     *
     * @param allowAnonymous whether a handshake without a user name is accepted
     */
    public static ServerSecurity withUsers(UserStore users, boolean allowAnonymous, Authorizer authorizer) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor threads = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "rowmq-auth-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        threads.allowCoreThreadTimeOut(true);
        return new ServerSecurity(new PasswordAuthenticator(users, allowAnonymous, threads), authorizer,
                new UserAdministration(users, authorizer, allowAnonymous, threads), threads);
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public Authorizer authorizer() {
        return authorizer;
    }

    /** Null when this broker keeps no users. */
    public UserAdministration users() {
        return users;
    }

    /** Stops the password and user-management threads; close the server first, which closes the connections waiting on them. */
    @Override
    public void close() {
        if (threads != null) {
            threads.shutdownNow();
        }
    }
}
