package io.rowmq.broker.net;

import io.rowmq.broker.admin.UserCredential;
import io.rowmq.broker.admin.UserStore;
import io.rowmq.broker.store.StoreErrors;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.UserAdminRequest;
import io.rowmq.protocol.UserAdminResponse;
import io.rowmq.protocol.UserAdminResponse.Outcome;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;

/**
 * Carries out USER_ADMIN requests on its own executor. Who may: a connection authenticated as a
 * user whom the {@link Authorizer} permits {@code MANAGE_USERS}; an anonymous connection only
 * while the broker has no users at all, so that the first user of a fresh broker can be created
 * with the CLI. The last user cannot be removed while anonymous connections are refused, as no
 * one could connect after it.
 */
public final class UserAdministration {
    private static final Logger LOG = Logger.getLogger(UserAdministration.class.getName());

    private final UserStore users;
    private final Authorizer authorizer;
    private final boolean allowAnonymous;
    private final Executor executor;

    public UserAdministration(UserStore users, Authorizer authorizer, boolean allowAnonymous, Executor executor) {
        this.users = users;
        this.authorizer = authorizer;
        this.allowAnonymous = allowAnonymous;
        this.executor = executor;
    }

    /** Completes with the reply, or fails with a {@link BrokerError} that says what was refused and why. */
    public CompletableFuture<UserAdminResponse> handle(Principal principal, UserAdminRequest request) {
        CompletableFuture<UserAdminResponse> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(run(principal, request));
                } catch (Exception e) {
                    result.completeExceptionally(StoreErrors.translate(describe(request), e));
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new BrokerError(ErrorCode.SHUTTING_DOWN, "The broker is stopping; "
                    + describe(request) + " was not run", e));
        }
        return result;
    }

    private UserAdminResponse run(Principal principal, UserAdminRequest request) throws Exception {
        checkAllowed(principal, request);
        return switch (request.action()) {
            case LIST -> new UserAdminResponse(Outcome.LISTED, users.list().stream().map(UserAdministration::wire).toList());
            case SET_PASSWORD -> setPassword(principal, request);
            case REMOVE -> remove(principal, request.name());
        };
    }

    private void checkAllowed(Principal principal, UserAdminRequest request) throws Exception {
        if (principal.anonymous()) {
            if (users.count() > 0) {
                throw new BrokerError(ErrorCode.AUTHENTICATION_FAILED, describe(request) + " needs a connection"
                        + " authenticated as a user of this broker; connect with a user name and password"
                        + " (CLI: --login NAME)");
            }
        } else if (!authorizer.permits(principal, Authorizer.Action.MANAGE_USERS, null)) {
            throw new BrokerError(ErrorCode.AUTHENTICATION_FAILED, "User '" + principal.user()
                    + "' may not manage users; " + describe(request) + " was refused");
        }
    }

    private UserAdminResponse setPassword(Principal principal, UserAdminRequest request) throws Exception {
        UserCredential credential;
        try {
            credential = new UserCredential(request.name(), request.password() == null ? null
                    : new String(request.password(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new BrokerError(ErrorCode.INVALID_REQUEST, e.getMessage());
        }
        boolean created = users.setPassword(credential);
        LOG.info(() -> (created ? "Created user '" : "Changed the password of user '") + credential.name()
                + "' at the request of " + principal);
        UserStore.UserInfo info = users.info(credential.name()).orElseThrow(() -> new BrokerError(ErrorCode.INVALID_REQUEST, "User '" + credential.name()
                        + "' was removed while its password was being set"));
        return new UserAdminResponse(created ? Outcome.CREATED : Outcome.UPDATED, List.of(wire(info)));
    }

    private UserAdminResponse remove(Principal principal, String name) throws Exception {
        if (name == null) {
            throw new BrokerError(ErrorCode.INVALID_REQUEST, "Removing a user needs the user's name");
        }
        if (!allowAnonymous && users.count() == 1 && users.info(name).isPresent()) {
            throw new BrokerError(ErrorCode.INVALID_REQUEST, "User '" + name + "' is the last user and this broker"
                    + " refuses anonymous connections: no one could connect after removing it. Add another user first");
        }
        if (!users.remove(name)) {
            throw new BrokerError(ErrorCode.INVALID_REQUEST, "User '" + name + "' does not exist (CLI: user list)");
        }
        LOG.info(() -> "Removed user '" + name + "' at the request of " + principal);
        return new UserAdminResponse(Outcome.REMOVED, List.of());
    }

    private static UserAdminResponse.User wire(UserStore.UserInfo info) {
        return new UserAdminResponse.User(info.name(), info.createdAtMs(), info.updatedAtMs());
    }

    private static String describe(UserAdminRequest request) {
        return switch (request.action()) {
            case LIST -> "Listing users";
            case SET_PASSWORD -> "Setting the password of user '" + request.name() + "'";
            case REMOVE -> "Removing user '" + request.name() + "'";
        };
    }
}
