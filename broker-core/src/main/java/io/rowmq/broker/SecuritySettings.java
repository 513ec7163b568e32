package io.rowmq.broker;

import io.rowmq.broker.admin.PasswordHasher;
import io.rowmq.broker.admin.UserCredential;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may connect, validated once here.
 *
 * @param allowAnonymous     broker.allow-anonymous: whether a handshake without a user name is accepted
 * @param users              broker.user: users created, or given this password, when the broker starts
 * @param passwordIterations broker.password-iterations: PBKDF2 iterations of passwords set by this broker
 */
public record SecuritySettings(boolean allowAnonymous, List<UserCredential> users, int passwordIterations) {

    public SecuritySettings {
        users = List.copyOf(users);
        Set<String> names = new HashSet<>();
        for (UserCredential user : users) {
            if (!names.add(user.name())) {
                throw new IllegalArgumentException("--user '" + user.name() + "' is given more than once");
            }
        }
        if (passwordIterations < PasswordHasher.MIN_ITERATIONS || passwordIterations > PasswordHasher.MAX_ITERATIONS) {
            throw new IllegalArgumentException("--password-iterations must be " + PasswordHasher.MIN_ITERATIONS + ".."
                    + PasswordHasher.MAX_ITERATIONS + ", was " + passwordIterations);
        }
    }

    /** Anonymous connections allowed, no users set at start, default iterations: a fresh broker needs no set-up. */
    public static SecuritySettings defaults() {
        return new SecuritySettings(true, List.of(), PasswordHasher.DEFAULT_ITERATIONS);
    }

    /** Names the users, never their passwords. */
    @Override
    public String toString() {
        return "allowAnonymous=" + allowAnonymous + ", users=" + users.stream().map(UserCredential::name).toList();
    }
}
