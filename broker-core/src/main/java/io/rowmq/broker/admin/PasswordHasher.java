package io.rowmq.broker.admin;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Hashes passwords with PBKDF2-HMAC-SHA256 from the JDK, a random salt per password, and checks
 * a password against a stored hash in constant time. Deliberately slow (a tenth of a second or
 * more at the default iterations): call it off the network threads.
 */
public final class PasswordHasher {
    public static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    public static final int MIN_ITERATIONS = 10_000;
    public static final int MAX_ITERATIONS = 10_000_000;
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    private final PasswordHash decoy;

    /** @param iterations used for passwords hashed from now on; stored hashes keep their own */
    public PasswordHasher(int iterations) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("--password-iterations must be " + MIN_ITERATIONS + ".."
                    + MAX_ITERATIONS + ", was " + iterations);
        }
        this.iterations = iterations;
        byte[] decoyPassword = new byte[SALT_BYTES];
        random.nextBytes(decoyPassword);
        this.decoy = hash(Arrays.toString(decoyPassword).toCharArray());
    }

    public int iterations() {
        return iterations;
    }

    /** A new hash of {@code password} with a fresh random salt. */
    public PasswordHash hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new PasswordHash(ALGORITHM, iterations, salt, derive(password, salt, iterations, HASH_BYTES));
    }

    /**
     * Whether {@code password} is the one {@code stored} was made from. Compares in constant
     * time; an empty password never matches.
     *
     * @throws IllegalArgumentException when {@code stored} uses an algorithm this broker does not know
     */
    public boolean verify(char[] password, PasswordHash stored) {
        if (!ALGORITHM.equals(stored.algorithm())) {
            throw new IllegalArgumentException("password hash algorithm '" + stored.algorithm()
                    + "' is not supported (only " + ALGORITHM + ")");
        }
        byte[] expected = stored.hash();
        byte[] actual = derive(password.length == 0 ? new char[] {'\0'} : password, stored.salt(),
                stored.iterations(), expected.length);
        return MessageDigest.isEqual(expected, actual) && password.length > 0;
    }

    /**
     * Costs as much as checking a password and returns false: for unknown users, so that the
     * time taken does not tell an unknown user from a wrong password.
     */
    public boolean verifyAgainstDecoy(char[] password) {
        verify(password, decoy);
        return false;
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot compute " + ALGORITHM + ": " + e.getMessage(), e);
        } finally {
            spec.clearPassword();
        }
    }
}
