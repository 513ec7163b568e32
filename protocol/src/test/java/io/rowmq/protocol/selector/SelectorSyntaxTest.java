package io.rowmq.protocol.selector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What the parser rejects, and that it says what and where. */
class SelectorSyntaxTest {

    private static SelectorSyntaxException reject(String selector) {
        SelectorSyntaxException e = catchThrowableOfType(SelectorSyntaxException.class, () -> Selector.parse(selector));
        assertThat(e).as("selector %s", selector).isNotNull();
        return e;
    }

    @ParameterizedTest(name = "[{0}] at {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "a = | 4 | ends where a value was expected",
            "a = 1 AND | 10 | ends where a value was expected",
            "(a = 1 | 7 | is not closed",
            "a = 1) | 6 | expected AND, OR or the end",
            "a == 1 | 4 | expected an identifier, a literal",
            "a != 1 | 3 | use '<>'",
            "a = \"x\" | 5 | single quotes",
            "a = 'open | 5 | string literal is not closed",
            "a + 1 | 1 | needs a condition",
            "'text' | 1 | needs a condition",
            "42 | 1 | needs a condition",
            "a AND 1 | 7 | AND needs a condition",
            "1 OR a | 1 | OR needs a condition",
            "NOT 5 | 5 | NOT needs a condition",
            "'a' + 1 = 2 | 1 | needs a number",
            "a + TRUE = 2 | 5 | needs a number",
            "-'a' = 1 | 2 | needs a number",
            "'a' < 'b' | 1 | strings and booleans can only be compared with = and <>",
            "a > 'b' | 5 | strings and booleans",
            "TRUE >= a | 1 | strings and booleans",
            "(a = 1) < 2 | 1 | strings and booleans",
            "a BETWEEN 'x' AND 'z' | 11 | BETWEEN needs a number",
            "a BETWEEN 1 OR 3 | 13 | BETWEEN needs AND",
            "a IN (1, 2) | 7 | IN accepts string literals only",
            "a IN ('x', b) | 12 | IN accepts string literals only",
            "a IN 'x' | 6 | IN must be followed by '('",
            "a IN ('x' | 10 | must end with ')'",
            "a IN () | 7 | IN accepts string literals only",
            "'x' IN ('x') | 1 | IN can only follow an identifier",
            "a + 1 LIKE 'x' | 1 | LIKE can only follow an identifier",
            "1 IS NULL | 1 | IS NULL can only follow an identifier",
            "a LIKE b | 8 | LIKE must be followed by a string literal",
            "a LIKE 'x' ESCAPE 'ab' | 19 | exactly one character",
            "a LIKE 'x' ESCAPE '' | 19 | exactly one character",
            "a LIKE 'x!' ESCAPE '!' | 8 | ends with its escape character",
            "a IS 1 | 6 | IS must be followed by NULL",
            "a IS NOT 1 | 10 | IS NOT must be followed by NULL",
            "a NOT 1 | 7 | must be followed by BETWEEN, IN or LIKE",
            "a = NULL | 5 | NULL can only be used in IS NULL",
            "NULL IS NULL | 1 | NULL can only be used",
            "and = 1 | 1 | reserved word",
            "a = 1 AND Between = 2 | 11 | reserved word",
            "escape = 'x' | 1 | reserved word",
            "Is IS NULL | 1 | reserved word",
            "a = 08 | 5 | octal",
            "a = 0x | 5 | has no digits",
            "a = 1e | 5 | exponent",
            "a = 9223372036854775808 | 5 | out of the range of long",
            "a = -9223372036854775809 | 6 | out of the range of long",
            "a = 0x1FFFFFFFFFFFFFFFF | 5 | out of the range of long",
            "a = 1e999 | 5 | out of the range of double",
            "a = 12abc | 5 | malformed number",
            "a = 1.2.3 | 5 | malformed number",
            "a = 1 # | 7 | unexpected character '#'",
            "a = 1 b = 2 | 7 | expected AND, OR or the end"})
    void rejectsWithPositionAndReason(String selector, int position, String reason) {
        SelectorSyntaxException e = reject(selector);
        assertThat(e.getMessage()).contains(reason).contains("at character " + position).contains(selector);
        assertThat(e.getPosition()).isEqualTo(position);
    }

    @Test
    void emptyAndBlankAreNotSelectors() {
        assertThat(reject("").getMessage()).contains("empty");
        assertThat(reject("   ").getMessage()).contains("empty");
        assertThat(reject(null).getMessage()).contains("empty");
    }

    @Test
    void deepParenthesesAreRejectedWithoutOverflowingTheStack() {
        String deep = "(".repeat(1500) + "a = 1" + ")".repeat(1500);
        SelectorSyntaxException e = reject(deep);
        assertThat(e.getMessage()).contains("nested more than 100 levels");
        assertThat(e.getPosition()).isEqualTo(101);
        String fine = "(".repeat(99) + "a = 1" + ")".repeat(99);
        assertThat(Selector.parse(fine).matches(TestMessage.with("a", 1))).isTrue();
    }

    @Test
    void deepNotsAndSignsAreRejected() {
        assertThat(reject("NOT ".repeat(500) + "a").getMessage()).contains("nested more than 100 levels");
        assertThat(reject("a = " + "- ".repeat(500) + "x").getMessage()).contains("nested more than 100 levels");
    }

    @Test
    void longLeftDeepChainsAreRejectedBeforeEvaluationCouldRecurseThatDeep() {
        String chain = "a" + " + a".repeat(600) + " > 0";
        assertThat(reject(chain).getMessage()).contains("nested more than 200 levels deep");
        String fine = "a" + " + a".repeat(150) + " = 151";
        assertThat(Selector.parse(fine).matches(TestMessage.with("a", 1))).isTrue();
    }

    @Test
    void tooLongIsRejected() {
        String selector = "a = '" + "x".repeat(4000) + "'";
        SelectorSyntaxException e = reject(selector);
        assertThat(e.getMessage()).contains("more than the 4000 allowed");
        assertThat(e.getMessage().length()).as("the message shows only the start").isLessThan(400);
    }

    @Test
    void isAnIllegalArgumentException() {
        assertThatThrownBy(() -> Selector.parse("a =")).isInstanceOf(IllegalArgumentException.class);
    }
}
