package io.rowmq.broker.admin;

/**
 * A password as the admin schema keeps it: the derived key of a salted, iterated hash and the
 * parameters that derived it. Never the password itself.
 *
 * @param algorithm  the JDK {@code SecretKeyFactory} algorithm, e.g. {@code PBKDF2WithHmacSHA256}
 * @param iterations how many iterations derived {@code hash}
 * @param salt       random bytes drawn for this user when the password was set
 * @param hash       the derived key
 */
public record PasswordHash(String algorithm, int iterations, byte[] salt, byte[] hash) {

    public PasswordHash {
        if (algorithm == null || iterations < 1 || salt == null || salt.length == 0 || hash == null
                || hash.length == 0) {
            throw new IllegalArgumentException("A password hash needs an algorithm, iterations >= 1, a salt and a"
                    + " hash; was " + algorithm + " with " + iterations + " iterations");
        }
        salt = salt.clone();
        hash = hash.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    /** Shows the parameters, never the salt or the hash. */
    @Override
    public String toString() {
        return "PasswordHash[" + algorithm + ", " + iterations + " iterations]";
    }
}
