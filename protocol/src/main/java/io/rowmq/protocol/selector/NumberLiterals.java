package io.rowmq.protocol.selector;

/**
 * The value of a numeric literal in the Java forms the specification names: exact numbers in
 * decimal, {@code 0x} hexadecimal or leading-zero octal with an optional {@code L} (a Long;
 * hexadecimal and octal may use all 64 bits, as Java's long literals do), approximate numbers
 * with a decimal point or exponent and an optional {@code f}/{@code d} (a Double). The sign is
 * folded in, so {@code -9223372036854775808} is in range.
 */
final class NumberLiterals {
    private NumberLiterals() {
    }

    /** @throws IllegalArgumentException saying what is wrong with the literal */
    static Object value(Token token, boolean negative) {
        if (token.kind() == Token.Kind.APPROX) {
            double value;
            try {
                value = Double.parseDouble(token.text());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("malformed number " + token.text());
            }
            if (Double.isInfinite(value)) {
                throw new IllegalArgumentException("number " + token.text() + " is out of the range of double");
            }
            return negative ? -value : value;
        }
        return exact(token.text(), negative);
    }

    private static long exact(String text, boolean negative) {
        String digits = text.endsWith("l") || text.endsWith("L") ? text.substring(0, text.length() - 1) : text;
        try {
            if (digits.length() > 2 && (digits.charAt(1) | 0x20) == 'x') {
                long value = Long.parseUnsignedLong(digits.substring(2), 16);
                return negative ? -value : value;
            }
            if (digits.length() > 1 && digits.charAt(0) == '0') {
                for (char c : digits.toCharArray()) {
                    if (c > '7') {
                        throw new IllegalArgumentException("number " + text + " starts with 0, which makes it octal,"
                                + " but has the digit " + c);
                    }
                }
                long value = Long.parseUnsignedLong(digits, 8);
                return negative ? -value : value;
            }
            return Long.parseLong(negative ? "-" + digits : digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("number " + (negative ? "-" : "") + text
                    + " is out of the range of long (-2^63..2^63-1)");
        }
    }
}
