package io.rowmq.protocol.selector;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LikePatternTest {

    private static boolean like(String pattern, String value) {
        return LikePattern.compile(pattern, '\\').matches(value);
    }

    @Test
    void wildcards() {
        assertThat(like("%", "")).isTrue();
        assertThat(like("%%", "abc")).isTrue();
        assertThat(like("a%", "a")).isTrue();
        assertThat(like("%a", "ba")).isTrue();
        assertThat(like("%a", "ab")).isFalse();
        assertThat(like("a_c", "abc")).isTrue();
        assertThat(like("a_c", "ac")).isFalse();
        assertThat(like("a%c%e", "abcde")).isTrue();
        assertThat(like("a%c%e", "abcdef")).isFalse();
        assertThat(like("%ab%ab%", "xabyab")).isTrue();
        assertThat(like("_%_", "a")).isFalse();
        assertThat(like("_%_", "ab")).isTrue();
    }

    @Test
    void escapes() {
        assertThat(like("\\%", "%")).isTrue();
        assertThat(like("\\%", "a")).isFalse();
        assertThat(like("\\_", "_")).isTrue();
        assertThat(like("\\\\", "\\")).isTrue();
        assertThat(like("a\\b", "ab")).as("an escaped ordinary character is itself").isTrue();
        assertThat(LikePattern.compile("100%", -1).matches("100 percent")).isTrue();
        assertThatThrownBy(() -> LikePattern.compile("abc\\", '\\')).hasMessageContaining("escape");
    }

    @Test
    void worstCaseIsQuadraticAtMost() {
        String value = "a".repeat(4000) + "c";
        LikePattern pattern = LikePattern.compile("%a%a%a%a%a%a%a%a%a%a%b", -1);
        long start = System.nanoTime();
        assertThat(pattern.matches(value)).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }
}
