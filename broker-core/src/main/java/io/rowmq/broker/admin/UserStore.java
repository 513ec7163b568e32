package io.rowmq.broker.admin;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The broker's users in the admin schema ({@code broker_user}): set a password (creating the
 * user when new), remove, list, and check a password. Nothing is cached: every check reads the
 * row, so a changed password or a removed user takes effect at the next connection. Every
 * method blocks on the database and, for passwords, on the slow hash: call them off the
 * network threads.
 */
public final class UserStore {
    private static final Logger LOG = Logger.getLogger(UserStore.class.getName());

    private final DataSource dataSource;
    private final PasswordHasher hasher;

    /** A user as listed: never its password or hash. */
    public record UserInfo(String name, long createdAtMs, long updatedAtMs) {
    }

    public UserStore(DataSource dataSource, PasswordHasher hasher) {
        this.dataSource = dataSource;
        this.hasher = hasher;
    }

    /**
     * Sets the user's password, creating the user when the name is new.
     *
     * @return true when the user was created, false when an existing user's password changed
     */
    public boolean setPassword(UserCredential credential) throws SQLException {
        char[] password = credential.password().toCharArray();
        PasswordHash hash;
        try {
            hash = hasher.hash(password);
        } finally {
            Arrays.fill(password, '\0');
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(
                     "INSERT INTO broker_user (name, password_hash, algorithm, iterations, salt) VALUES (?, ?, ?, ?, ?)"
                             + " ON DUPLICATE KEY UPDATE password_hash = VALUES(password_hash),"
                             + " algorithm = VALUES(algorithm), iterations = VALUES(iterations), salt = VALUES(salt),"
                             + " updated_at = CURRENT_TIMESTAMP(3)")) {
            upsert.setString(1, credential.name());
            upsert.setBytes(2, hash.hash());
            upsert.setString(3, hash.algorithm());
            upsert.setInt(4, hash.iterations());
            upsert.setBytes(5, hash.salt());
            // 1: inserted; 2: an existing row changed (the salt always does)
            return upsert.executeUpdate() == 1;
        }
    }

    /** @return false when no user has that name */
    public boolean remove(String name) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM broker_user WHERE name = ?")) {
            delete.setString(1, name);
            return delete.executeUpdate() > 0;
        }
    }

    /** Every user, by name. */
    public List<UserInfo> list() throws SQLException {
        List<UserInfo> users = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT name, created_at, updated_at FROM broker_user ORDER BY name");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                users.add(new UserInfo(rows.getString(1), millis(rows.getTimestamp(2)), millis(rows.getTimestamp(3))));
            }
        }
        return users;
    }

    /** The user of that name, if there is one. */
    public Optional<UserInfo> info(String name) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT name, created_at, updated_at FROM broker_user WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(new UserInfo(rows.getString(1), millis(rows.getTimestamp(2)),
                        millis(rows.getTimestamp(3)))) : Optional.empty();
            }
        }
    }

    public int count() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM broker_user");
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /**
     * Whether {@code password} is the user's password. An unknown user costs as much time as a
     * wrong password and is false too; so is a stored hash of an algorithm this broker does not
     * know (logged, as it needs the password set again).
     */
    public boolean verify(String name, char[] password) throws SQLException {
        PasswordHash stored = find(name);
        if (stored == null) {
            return hasher.verifyAgainstDecoy(password);
        }
        try {
            return hasher.verify(password, stored);
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> "User '" + name + "' cannot log in: " + e.getMessage()
                    + "; set the password again (CLI: user add " + name + ")");
            return false;
        }
    }

    private PasswordHash find(String name) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT algorithm, iterations, salt, password_hash FROM broker_user WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? new PasswordHash(rows.getString(1), rows.getInt(2), rows.getBytes(3),
                        rows.getBytes(4)) : null;
            }
        }
    }

    private static long millis(Timestamp timestamp) {
        return timestamp == null ? 0 : timestamp.getTime();
    }
}
