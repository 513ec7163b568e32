package io.rowmq.protocol.selector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Evaluation: every operator, literals, types, NULL and the header fields. */
class SelectorTest {

    private static boolean eval(String selector, TestMessage message) {
        return Selector.parse(selector).matches(message);
    }

    private static boolean eval(String selector, Object... properties) {
        return eval(selector, TestMessage.with(properties));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "1 = 1", "1 <> 2", "1 < 2", "2 > 1", "1 <= 1", "1 >= 1", "2 >= 1", "1.5 > 1", "1 = 1.0", "-1 < 0",
            "'a' = 'a'", "'a' <> 'b'", "TRUE = TRUE", "FALSE <> TRUE", "true", "NOT false", "TRUE AND TRUE",
            "FALSE OR TRUE", "1 + 2 = 3", "7 - 10 = -3", "3 * 4 = 12", "7 / 2 = 3", "-7 / 2 = -3", "7.0 / 2 = 3.5",
            "7 / 2.0 = 3.5", "2 + 3 * 4 = 14", "(2 + 3) * 4 = 20", "10 - 2 - 3 = 5", "24 / 4 / 2 = 3", "- -3 = 3",
            "+3 = 3", "-(2 + 3) = -5", "1e3 = 1000", "7E-2 = 0.07", ".5 = 0.5", "7. = 7", "1.5e1 = 15", "2f = 2",
            "2.5d = 2.5", "0x1F = 31", "0X1d = 29", "035 = 29", "017 = 15", "0 = 0", "00 = 0", "10L = 10",
            "0x1dl = 29", "-9223372036854775808 < 0", "9223372036854775807 > 0",
            "0xFFFFFFFFFFFFFFFF = -1", "-0x10 = -16", "'it''s' = 'it''s'", "'' = ''",
            "5 BETWEEN 1 AND 10", "1 BETWEEN 1 AND 10", "10 BETWEEN 1 AND 10", "0 NOT BETWEEN 1 AND 10",
            "11 NOT BETWEEN 1 AND 10", "2.5 BETWEEN 2 AND 3", "1 + 1 BETWEEN 1 * 2 AND 6 / 3",
            "TRUE = (1 < 2)", "(1 < 2) <> (2 < 1)", "NOT NOT TRUE", "NOT 1 = 2", "TRUE OR FALSE AND FALSE"})
    void constantExpressionsThatAreTrue(String selector) {
        assertThat(eval(selector)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "1 = 2", "1 <> 1", "2 < 1", "1 > 2", "2 <= 1", "1 >= 2", "'a' = 'A'", "'a' <> 'a'", "false",
            "TRUE AND FALSE", "FALSE OR FALSE", "NOT TRUE", "0 BETWEEN 1 AND 10", "5 NOT BETWEEN 1 AND 10",
            "(TRUE OR FALSE) AND FALSE", "1 = 1.5", "0x10 = 10", "010 = 10"})
    void constantExpressionsThatAreFalse(String selector) {
        assertThat(eval(selector)).isFalse();
    }

    @Test
    void propertiesOfEveryNumericTypePromote() {
        TestMessage message = TestMessage.with("b", (byte) 3, "s", (short) 3, "i", 3, "l", 3L, "f", 3.0f, "d", 3.0d);
        for (String name : new String[] {"b", "s", "i", "l", "f", "d"}) {
            assertThat(eval(name + " = 3", message)).as(name).isTrue();
            assertThat(eval(name + " = 3.0", message)).as(name).isTrue();
            assertThat(eval(name + " + 1 = 4", message)).as(name).isTrue();
            assertThat(eval(name + " BETWEEN 2 AND 4", message)).as(name).isTrue();
        }
        assertThat(eval("i / 2 = 1", message)).as("exact division").isTrue();
        assertThat(eval("d / 2 = 1.5", message)).as("approximate division").isTrue();
        assertThat(eval("f = 1.1", TestMessage.with("f", 1.1f))).as("float widened, as Java does").isFalse();
        assertThat(eval("f = 1.5", TestMessage.with("f", 1.5f))).isTrue();
    }

    @Test
    void theTckFormsOfNumbersMatch() {
        assertThat(eval("myProp = 035", "myProp", 29)).isTrue();
        assertThat(eval("myProp = 0x1d", "myProp", 29L)).isTrue();
        assertThat(eval("myProp = 29", "myProp", (short) 29)).isTrue();
    }

    @Test
    void stringsAndBooleansFromProperties() {
        TestMessage message = TestMessage.with("color", "red", "flag", true, "off", false);
        assertThat(eval("color = 'red'", message)).isTrue();
        assertThat(eval("color <> 'blue'", message)).isTrue();
        assertThat(eval("'red' = color", message)).isTrue();
        assertThat(eval("flag", message)).isTrue();
        assertThat(eval("off", message)).isFalse();
        assertThat(eval("NOT off", message)).isTrue();
        assertThat(eval("flag = TRUE", message)).isTrue();
        assertThat(eval("flag AND color = 'red'", message)).isTrue();
        assertThat(eval("color", message)).as("a string property is no condition").isFalse();
        assertThat(eval("NOT color", message)).as("NOT UNKNOWN").isFalse();
    }

    @Test
    void absentPropertiesAreNullAndComparisonsWithThemAreUnknown() {
        TestMessage message = new TestMessage();
        assertThat(eval("missing = 1", message)).isFalse();
        assertThat(eval("NOT (missing = 1)", message)).isFalse();
        assertThat(eval("missing <> 1", message)).isFalse();
        assertThat(eval("missing IS NULL", message)).isTrue();
        assertThat(eval("missing IS NOT NULL", message)).isFalse();
        assertThat(eval("missing + 1 > 0", message)).isFalse();
        assertThat(eval("NOT (missing + 1 > 0)", message)).isFalse();
        assertThat(eval("missing BETWEEN 1 AND 2", message)).isFalse();
        assertThat(eval("missing NOT BETWEEN 1 AND 2", message)).isFalse();
        assertThat(eval("missing IN ('a')", message)).isFalse();
        assertThat(eval("missing NOT IN ('a')", message)).isFalse();
        assertThat(eval("missing LIKE '%'", message)).isFalse();
        assertThat(eval("missing NOT LIKE 'a'", message)).isFalse();
        assertThat(eval("missing", message)).isFalse();
        assertThat(eval("NOT missing", message)).isFalse();
        assertThat(eval("present IS NOT NULL", TestMessage.with("present", 0))).isTrue();
    }

    @Test
    void valuesOfDifferentTypesCompareFalseNeverConverted() {
        TestMessage message = TestMessage.with("text", "5", "number", 5, "flag", true, "c", 'x', "bytes", new byte[] {1});
        assertThat(eval("text = 5", message)).isFalse();
        assertThat(eval("NOT (text = 5)", message)).as("FALSE, not UNKNOWN (3.8.1.2)").isTrue();
        assertThat(eval("text <> 5", message)).isFalse();
        assertThat(eval("number = '5'", message)).isFalse();
        assertThat(eval("NOT (number = '5')", message)).isTrue();
        assertThat(eval("flag = 1", message)).isFalse();
        assertThat(eval("NOT (flag = 'true')", message)).isTrue();
        assertThat(eval("text + 1 = 6", message)).isFalse();
        assertThat(eval("text > 4", message)).isFalse();
        assertThat(eval("NOT (text > 4)", message)).isTrue();
        assertThat(eval("text BETWEEN 1 AND 9", message)).isFalse();
        assertThat(eval("text NOT BETWEEN 1 AND 9", message)).isTrue();
        assertThat(eval("number IN ('5')", message)).isFalse();
        assertThat(eval("number NOT IN ('5')", message)).isFalse();
        assertThat(eval("number LIKE '5'", message)).isFalse();
        assertThat(eval("number NOT LIKE '6'", message)).isFalse();
        assertThat(eval("text < text", message)).as("strings do not order").isFalse();
        assertThat(eval("NOT (text < text)", message)).isTrue();
        for (String literalMismatch : new String[] {"'a' = 1", "NOT ('a' = 1)", "TRUE = 0", "FALSE <> 1.5",
                "(1 + 2) = 'x'"}) {
            assertThatThrownBy(() -> Selector.parse(literalMismatch)).as(literalMismatch)
                    .isInstanceOf(SelectorSyntaxException.class).hasMessageContaining("one type");
        }
        for (String opaque : new String[] {"c", "bytes"}) {
            assertThat(eval(opaque + " = 'x'", message)).as(opaque).isFalse();
            assertThat(eval("NOT (" + opaque + " = 'x')", message)).as(opaque).isTrue();
            assertThat(eval(opaque + " = 120", message)).as(opaque).isFalse();
            assertThat(eval(opaque + " IS NULL", message)).as(opaque).isFalse();
            assertThat(eval(opaque + " IS NOT NULL", message)).as(opaque).isTrue();
        }
    }

    @Test
    void divisionByZeroIsUnknown() {
        assertThat(eval("1 / 0 = 0")).isFalse();
        assertThat(eval("NOT (1 / 0 = 0)")).isFalse();
        assertThat(eval("1.0 / 0 > 0")).isFalse();
        assertThat(eval("x / 0.0 < 1", "x", -1.5)).isFalse();
        assertThat(eval("x / y = 0", "x", 0, "y", 0)).isFalse();
        assertThat(eval("1 / 0 = 0 OR TRUE")).isTrue();
    }

    @Test
    void exactArithmeticWrapsLikeJava() {
        assertThat(eval("9223372036854775807 + 1 = -9223372036854775808")).isTrue();
        assertThat(eval("l * 2 < 0", "l", Long.MAX_VALUE)).isTrue();
        assertThat(eval("l / -1 = l", "l", Long.MIN_VALUE)).isTrue();
    }

    @Test
    void notANumberIsUnequalToEverything() {
        TestMessage message = TestMessage.with("nan", Double.NaN);
        assertThat(eval("nan = nan", message)).isFalse();
        assertThat(eval("nan <> nan", message)).isTrue();
        assertThat(eval("nan < 1 OR nan >= 1", message)).isFalse();
    }

    @ParameterizedTest(name = "{0} AND {1} = {2}")
    @CsvSource({
            "TRUE, TRUE, TRUE", "TRUE, FALSE, FALSE", "TRUE, UNKNOWN, UNKNOWN",
            "FALSE, TRUE, FALSE", "FALSE, FALSE, FALSE", "FALSE, UNKNOWN, FALSE",
            "UNKNOWN, TRUE, UNKNOWN", "UNKNOWN, FALSE, FALSE", "UNKNOWN, UNKNOWN, UNKNOWN"})
    void andTruthTable(String a, String b, String expected) {
        assertTruth("(" + operand(a) + ") AND (" + operand(b) + ")", expected);
    }

    @ParameterizedTest(name = "{0} OR {1} = {2}")
    @CsvSource({
            "TRUE, TRUE, TRUE", "TRUE, FALSE, TRUE", "TRUE, UNKNOWN, TRUE",
            "FALSE, TRUE, TRUE", "FALSE, FALSE, FALSE", "FALSE, UNKNOWN, UNKNOWN",
            "UNKNOWN, TRUE, TRUE", "UNKNOWN, FALSE, UNKNOWN", "UNKNOWN, UNKNOWN, UNKNOWN"})
    void orTruthTable(String a, String b, String expected) {
        assertTruth("(" + operand(a) + ") OR (" + operand(b) + ")", expected);
    }

    @ParameterizedTest(name = "NOT {0} = {1}")
    @CsvSource({"TRUE, FALSE", "FALSE, TRUE", "UNKNOWN, UNKNOWN"})
    void notTruthTable(String a, String expected) {
        assertTruth("NOT (" + operand(a) + ")", expected);
    }

    /** TRUE and FALSE as comparisons, UNKNOWN as a comparison with an absent property. */
    private static String operand(String truth) {
        return switch (truth) {
            case "TRUE" -> "one = 1";
            case "FALSE" -> "one = 2";
            default -> "absent = 1";
        };
    }

    /** A three-valued result is told apart by the expression and its negation: UNKNOWN selects neither. */
    private static void assertTruth(String expression, String expected) {
        TestMessage message = TestMessage.with("one", 1);
        boolean selected = eval(expression, message);
        boolean negationSelected = eval("NOT (" + expression + ")", message);
        String actual = selected ? "TRUE" : negationSelected ? "FALSE" : "UNKNOWN";
        assertThat(actual).as(expression).isEqualTo(expected);
    }

    @Test
    void betweenIsTheConjunctionOfTwoComparisons() {
        assertThat(eval("x BETWEEN 1 AND y", "x", 0)).as("FALSE AND UNKNOWN").isFalse();
        assertThat(eval("x NOT BETWEEN 1 AND y", "x", 0)).as("NOT (FALSE AND UNKNOWN)").isTrue();
        assertThat(eval("x NOT BETWEEN 1 AND y", "x", 5)).as("NOT (TRUE AND UNKNOWN)").isFalse();
        assertThat(eval("x BETWEEN 1.5 AND 2.5", "x", 2)).isTrue();
        assertThat(eval("x BETWEEN 3 AND 1", "x", 2)).as("empty range").isFalse();
    }

    @Test
    void inComparesWithStringLiterals() {
        TestMessage uk = TestMessage.with("Country", "UK");
        TestMessage peru = TestMessage.with("Country", "Peru");
        assertThat(eval("Country IN ('UK', 'US', 'France')", uk)).isTrue();
        assertThat(eval("Country IN ('UK', 'US', 'France')", peru)).isFalse();
        assertThat(eval("Country NOT IN ('UK', 'US', 'France')", peru)).isTrue();
        assertThat(eval("Country NOT IN ('UK', 'US', 'France')", uk)).isFalse();
        assertThat(eval("Country IN ('uk')", uk)).as("case-sensitive").isFalse();
        assertThat(eval("Country IN ('UK')", uk)).isTrue();
        assertThat(eval("Country in ('it''s')", TestMessage.with("Country", "it's"))).isTrue();
    }

    @Test
    void likeWithWildcardsAndEscapes() {
        assertThat(eval("p LIKE '12%3'", "p", "123")).isTrue();
        assertThat(eval("p LIKE '12%3'", "p", "12993")).isTrue();
        assertThat(eval("p LIKE '12%3'", "p", "1234")).isFalse();
        assertThat(eval("w LIKE 'l_se'", "w", "lose")).isTrue();
        assertThat(eval("w LIKE 'l_se'", "w", "loose")).isFalse();
        assertThat(eval("u LIKE '\\_%' ESCAPE '\\'", "u", "_foo")).isTrue();
        assertThat(eval("u LIKE '\\_%' ESCAPE '\\'", "u", "bar")).isFalse();
        assertThat(eval("u LIKE '100!%' ESCAPE '!'", "u", "100%")).isTrue();
        assertThat(eval("u LIKE '100!%' ESCAPE '!'", "u", "1000")).isFalse();
        assertThat(eval("u LIKE 'a!!b' ESCAPE '!'", "u", "a!b")).isTrue();
        assertThat(eval("p NOT LIKE '12%3'", "p", "1234")).isTrue();
        assertThat(eval("p NOT LIKE '12%3'", "p", "123")).isFalse();
        assertThat(eval("p LIKE '%'", "p", "")).isTrue();
        assertThat(eval("p LIKE '_'", "p", "")).isFalse();
        assertThat(eval("p LIKE ''", "p", "")).isTrue();
        assertThat(eval("p LIKE 'a.*'", "p", "abc")).as("no regular expression").isFalse();
        assertThat(eval("p LIKE 'a.*'", "p", "a.*")).isTrue();
        assertThat(eval("p LIKE '(%)[x]'", "p", "(1)[x]")).isTrue();
        assertThat(eval("p LIKE '%a%b%c%'", "p", "xxaxxbxxcxx")).isTrue();
        assertThat(eval("p LIKE '%a%b%c%'", "p", "xxcxxbxxaxx")).isFalse();
        assertThat(eval("p LIKE 'Ab_'", "p", "Ab\uD83D\uDE00")).as("_ is one character, surrogates too").isTrue();
        assertThat(eval("p LIKE 'ab'", "p", "AB")).as("case-sensitive").isFalse();
    }

    @Test
    void likeHasNoBacktrackingBlowUp() {
        String value = "a".repeat(3000);
        String pattern = "%a".repeat(30) + "%b";
        Selector selector = Selector.parse("p LIKE '" + pattern + "'");
        long start = System.nanoTime();
        assertThat(selector.matches(TestMessage.with("p", value))).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    void theSixHeaderFieldsAndOtherHeaderNames() {
        TestMessage message = new TestMessage();
        message.priority = 7;
        message.correlationId = "corr-1";
        message.type = "order";
        assertThat(eval("JMSDeliveryMode = 'PERSISTENT'", message)).isTrue();
        message.deliveryMode = "NON_PERSISTENT";
        assertThat(eval("JMSDeliveryMode = 'NON_PERSISTENT'", message)).isTrue();
        assertThat(eval("JMSPriority = 7 AND JMSPriority > 4", message)).isTrue();
        assertThat(eval("JMSMessageID = 'ID:m-1'", message)).isTrue();
        assertThat(eval("JMSTimestamp = 1700000000000", message)).isTrue();
        assertThat(eval("JMSCorrelationID = 'corr-1'", message)).isTrue();
        assertThat(eval("JMSType = 'order'", message)).isTrue();
        assertThat(eval("JMSType LIKE 'ord%' AND JMSCorrelationID IN ('corr-1')", message)).isTrue();
        message.type = null;
        assertThat(eval("JMSType IS NULL", message)).isTrue();
        assertThat(eval("JMSType = 'order'", message)).isFalse();
        for (String other : new String[] {"JMSDestination", "JMSReplyTo", "JMSExpiration", "JMSRedelivered",
                "JMSDeliveryTime"}) {
            assertThat(eval(other + " IS NULL", message)).as(other).isTrue();
        }
        message.properties.put("JMSXGroupID", "g1");
        message.properties.put("JMS_vendor", 3);
        assertThat(eval("JMSXGroupID = 'g1' AND JMS_vendor = 3", message)).isTrue();
        assertThat(eval("jmspriority IS NULL", message)).as("identifiers are case-sensitive").isTrue();
    }

    @Test
    void identifiersAreCaseSensitiveAndFollowJavaRules() {
        TestMessage message = TestMessage.with("color", "red", "Color", "blue", "$x", 1, "_y", 2, "ü名", 3, "a1", 4);
        assertThat(eval("color = 'red' AND Color = 'blue'", message)).isTrue();
        assertThat(eval("$x = 1 AND _y = 2 AND ü名 = 3 AND a1 = 4", message)).isTrue();
    }

    @Test
    void keywordsInAnyCase() {
        TestMessage message = TestMessage.with("a", 5, "s", "xy", "n", null);
        assertThat(eval("a between 1 and 10 and not (a not between 1 and 10) or false", message)).isTrue();
        assertThat(eval("s like 'x%' escape '!' AnD s In ('xy') aNd n iS nUlL AND a Is NoT NuLl", message)).isTrue();
        assertThat(eval("true = True AND FALSE = false", message)).isTrue();
    }

    @Test
    void precedenceAndLeftToRight() {
        assertThat(eval("FALSE AND FALSE OR TRUE")).as("AND before OR").isTrue();
        assertThat(eval("TRUE OR TRUE AND FALSE")).as("AND before OR").isTrue();
        assertThat(eval("NOT FALSE AND FALSE")).as("NOT before AND").isFalse();
        assertThat(eval("8 / 4 / 2 = 1")).as("left to right").isTrue();
        assertThat(eval("8 - 4 - 2 = 2")).as("left to right").isTrue();
        assertThat(eval("1 + 2 * 3 - 4 / 2 = 5")).isTrue();
    }

    @Test
    void selectorReportsWhatItNeeds() {
        Selector headerOnly = Selector.parse("JMSPriority > 4 AND JMSType = 'x'");
        assertThat(headerOnly.referencesProperties()).isFalse();
        assertThat(Selector.parse("JMSPriority > 4 AND color = 'x'").referencesProperties()).isTrue();
        assertThat(Selector.parse("JMSExpiration IS NULL").referencesProperties()).isTrue();
        assertThat(headerOnly.text()).isEqualTo("JMSPriority > 4 AND JMSType = 'x'");
        assertThat(headerOnly).isEqualTo(Selector.parse("JMSPriority > 4 AND JMSType = 'x'"));
    }

    @Test
    void longFlatChainsAreFine() {
        StringBuilder in = new StringBuilder("x = 0");
        for (int i = 1; i < 300; i++) {
            in.append(" OR x = ").append(i);
        }
        assertThat(eval(in.toString(), "x", 299)).isTrue();
        assertThat(eval(in.toString(), "x", 300)).isFalse();
    }
}
