package io.rowmq.broker.admin;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hashing and checking passwords, with the JDK's PBKDF2 and no database. */
class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.MIN_ITERATIONS);

    @Test
    void acceptsTheRightPasswordAndRefusesAWrongOne() {
        PasswordHash stored = hasher.hash("j2ee".toCharArray());

        assertThat(hasher.verify("j2ee".toCharArray(), stored)).isTrue();
        assertThat(hasher.verify("j2eE".toCharArray(), stored)).isFalse();
        assertThat(hasher.verify("j2ee ".toCharArray(), stored)).isFalse();
        assertThat(hasher.verify(new char[0], stored)).isFalse();
    }

    @Test
    void storesASaltedIteratedHashAndNeverThePassword() {
        PasswordHash first = hasher.hash("secret".toCharArray());
        PasswordHash second = hasher.hash("secret".toCharArray());

        assertThat(first.algorithm()).isEqualTo("PBKDF2WithHmacSHA256");
        assertThat(first.iterations()).isEqualTo(PasswordHasher.MIN_ITERATIONS);
        assertThat(first.salt()).hasSize(16).isNotEqualTo(second.salt());
        assertThat(first.hash()).hasSize(32).isNotEqualTo(second.hash());
        assertThat(new String(first.hash(), StandardCharsets.ISO_8859_1)).doesNotContain("secret");
        assertThat(first.toString()).isEqualTo("PasswordHash[PBKDF2WithHmacSHA256, 10000 iterations]");
    }

    @Test
    void checksAStoredHashWithItsOwnIterationsNotTheCurrentSetting() {
        PasswordHash strong = new PasswordHasher(20_000).hash("pw".toCharArray());

        assertThat(hasher.verify("pw".toCharArray(), strong)).isTrue();
    }

    @Test
    void theDefaultIsOwasps600000Iterations() {
        PasswordHasher byDefault = new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS);
        PasswordHash stored = byDefault.hash("pw".toCharArray());

        assertThat(stored.iterations()).isEqualTo(600_000);
        assertThat(byDefault.verify("pw".toCharArray(), stored)).isTrue();
    }

    @Test
    void theDecoyForUnknownUsersNeverMatches() {
        assertThat(hasher.verifyAgainstDecoy("anything".toCharArray())).isFalse();
        assertThat(hasher.verifyAgainstDecoy(new char[0])).isFalse();
    }

    @Test
    void refusesAnAlgorithmItDoesNotKnowAndIterationsOutOfRange() {
        PasswordHash md5 = new PasswordHash("MD5", 1, new byte[] {1}, new byte[] {2});

        assertThatThrownBy(() -> hasher.verify("pw".toCharArray(), md5))
                .hasMessage("password hash algorithm 'MD5' is not supported (only PBKDF2WithHmacSHA256)");
        assertThatThrownBy(() -> new PasswordHasher(999))
                .hasMessage("--password-iterations must be 10000..10000000, was 999");
    }

    @Test
    void validatesUserNamesAndPasswords() {
        assertThat(new UserCredential("javajoe", "javajoe").toString()).isEqualTo("UserCredential[javajoe]");
        assertThat(UserCredential.parse("a:b:c")).isEqualTo(new UserCredential("a", "b:c"));
        assertThatThrownBy(() -> new UserCredential("a:b", "pw")).hasMessageStartingWith("Invalid user name 'a:b'");
        assertThatThrownBy(() -> new UserCredential("x".repeat(65), "pw")).hasMessageContaining("1 to 64 characters");
        assertThatThrownBy(() -> new UserCredential("bob", null))
                .hasMessage("The password of user 'bob' must be 1..1024 characters, was missing");
    }
}
