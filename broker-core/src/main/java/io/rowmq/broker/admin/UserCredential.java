package io.rowmq.broker.admin;

import java.util.regex.Pattern;

/**
 * A user name and the password to set for it, validated here: what {@code --user NAME:PASSWORD}
 * and the CLI's {@code user add} give. Never printed with its password.
 */
public record UserCredential(String name, String password) {
    public static final int MAX_NAME_LENGTH = 64;
    public static final int MAX_PASSWORD_LENGTH = 1024;
    /** No colon (it separates name and password in {@code --user}), no white space, no control characters. */
    private static final Pattern VALID_NAME = Pattern.compile("[^:\\s\\p{Cntrl}]{1," + MAX_NAME_LENGTH + "}");

    public UserCredential {
        requireValidName(name);
        if (password == null || password.isEmpty() || password.length() > MAX_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("The password of user '" + name + "' must be 1.." + MAX_PASSWORD_LENGTH
                    + " characters, was " + (password == null ? "missing" : password.length() + " characters"));
        }
    }

    /** @throws IllegalArgumentException naming the name and the rule when {@code name} cannot be a user name */
    public static void requireValidName(String name) {
        if (name == null || !VALID_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid user name '" + name + "': use 1 to " + MAX_NAME_LENGTH
                    + " characters, no colon, no white space");
        }
    }

    /** Parses {@code NAME:PASSWORD} as given to {@code --user}; the password is everything after the first colon. */
    public static UserCredential parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--user takes NAME:PASSWORD, was '"
                    + (text == null ? null : colon < 0 ? text : "") + "'");
        }
        return new UserCredential(text.substring(0, colon), text.substring(colon + 1));
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "UserCredential[" + name + "]";
    }
}
