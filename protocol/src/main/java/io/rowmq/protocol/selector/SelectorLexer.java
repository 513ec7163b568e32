package io.rowmq.protocol.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a selector into {@link Token}s: string literals with {@code ''} for a quote, numbers
 * in the Java literal forms (decimal, {@code 0x} hexadecimal, leading-zero octal, {@code L}
 * suffix; decimals and exponents with an optional {@code f}/{@code d} suffix), identifiers by
 * the Java identifier rules, the reserved words in any case, and the operators.
 */
final class SelectorLexer {
    private static final Map<String, Token.Kind> KEYWORDS = Map.ofEntries(
            Map.entry("NULL", Token.Kind.NULL), Map.entry("TRUE", Token.Kind.TRUE),
            Map.entry("FALSE", Token.Kind.FALSE), Map.entry("NOT", Token.Kind.NOT), Map.entry("AND", Token.Kind.AND),
            Map.entry("OR", Token.Kind.OR), Map.entry("BETWEEN", Token.Kind.BETWEEN), Map.entry("LIKE", Token.Kind.LIKE),
            Map.entry("IN", Token.Kind.IN), Map.entry("IS", Token.Kind.IS), Map.entry("ESCAPE", Token.Kind.ESCAPE));

    private final String text;
    private int index;

    private SelectorLexer(String text) {
        this.text = text;
    }

    static List<Token> tokenize(String text) {
        return new SelectorLexer(text).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
                index++;
            }
            if (index >= text.length()) {
                tokens.add(new Token(Token.Kind.END, "", text.length() + 1));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int start = index;
        char c = text.charAt(index);
        if (c == '\'') {
            return string(start);
        }
        if (isDigit(c) || (c == '.' && index + 1 < text.length() && isDigit(text.charAt(index + 1)))) {
            return number(start);
        }
        int codePoint = text.codePointAt(index);
        if (Character.isJavaIdentifierStart(codePoint)) {
            return word(start);
        }
        index++;
        switch (c) {
            case '=':
                return token(Token.Kind.EQ, start);
            case '<':
                if (peek('>')) {
                    return token(Token.Kind.NE, start);
                }
                return peek('=') ? token(Token.Kind.LE, start) : token(Token.Kind.LT, start);
            case '>':
                return peek('=') ? token(Token.Kind.GE, start) : token(Token.Kind.GT, start);
            case '+':
                return token(Token.Kind.PLUS, start);
            case '-':
                return token(Token.Kind.MINUS, start);
            case '*':
                return token(Token.Kind.STAR, start);
            case '/':
                return token(Token.Kind.SLASH, start);
            case '(':
                return token(Token.Kind.LPAREN, start);
            case ')':
                return token(Token.Kind.RPAREN, start);
            case ',':
                return token(Token.Kind.COMMA, start);
            case '!':
                throw error(peek('=') ? "'!=' is not an operator (use '<>' for not equal)"
                        : "'!' is not an operator (use NOT)", start);
            case '"':
                throw error("'\"' is not allowed (string literals are enclosed in single quotes)", start);
            default:
                throw error("unexpected character '" + new String(Character.toChars(codePoint)) + "'", start);
        }
    }

    private boolean peek(char expected) {
        if (index < text.length() && text.charAt(index) == expected) {
            index++;
            return true;
        }
        return false;
    }

    private Token token(Token.Kind kind, int start) {
        return new Token(kind, text.substring(start, index), start + 1);
    }

    private Token string(int start) {
        StringBuilder value = new StringBuilder();
        index++;
        while (index < text.length()) {
            char c = text.charAt(index++);
            if (c == '\'') {
                if (index < text.length() && text.charAt(index) == '\'') {
                    value.append('\'');
                    index++;
                } else {
                    return new Token(Token.Kind.STRING, value.toString(), start + 1);
                }
            } else {
                value.append(c);
            }
        }
        throw error("string literal is not closed (a quote inside a literal is written '')", start);
    }

    private Token word(int start) {
        index += Character.charCount(text.codePointAt(index));
        while (index < text.length() && Character.isJavaIdentifierPart(text.codePointAt(index))) {
            index += Character.charCount(text.codePointAt(index));
        }
        String word = text.substring(start, index);
        Token.Kind keyword = KEYWORDS.get(word.toUpperCase(Locale.ROOT));
        return new Token(keyword != null ? keyword : Token.Kind.IDENTIFIER, word, start + 1);
    }

    private Token number(int start) {
        if (text.charAt(index) == '0' && index + 1 < text.length() && (text.charAt(index + 1) | 0x20) == 'x') {
            index += 2;
            int digits = index;
            while (index < text.length() && Character.digit(text.charAt(index), 16) >= 0) {
                index++;
            }
            if (index == digits) {
                throw error("hexadecimal number " + text.substring(start, index) + " has no digits", start);
            }
            skipSuffix("lL");
            return finish(Token.Kind.EXACT, start);
        }
        boolean approximate = false;
        skipDigits();
        if (index < text.length() && text.charAt(index) == '.') {
            approximate = true;
            index++;
            skipDigits();
        }
        if (index < text.length() && (text.charAt(index) | 0x20) == 'e') {
            approximate = true;
            index++;
            if (index < text.length() && (text.charAt(index) == '+' || text.charAt(index) == '-')) {
                index++;
            }
            int digits = index;
            skipDigits();
            if (index == digits) {
                throw error("the exponent of number " + text.substring(start, index) + " has no digits", start);
            }
        }
        if (index < text.length() && "fFdD".indexOf(text.charAt(index)) >= 0) {
            approximate = true;
            index++;
        } else if (!approximate) {
            skipSuffix("lL");
        }
        return finish(approximate ? Token.Kind.APPROX : Token.Kind.EXACT, start);
    }

    private Token finish(Token.Kind kind, int start) {
        if (index < text.length() && (Character.isJavaIdentifierPart(text.codePointAt(index))
                || text.charAt(index) == '.')) {
            throw error("malformed number " + text.substring(start, index + 1), start);
        }
        return new Token(kind, text.substring(start, index), start + 1);
    }

    private void skipSuffix(String suffixes) {
        if (index < text.length() && suffixes.indexOf(text.charAt(index)) >= 0) {
            index++;
        }
    }

    private void skipDigits() {
        while (index < text.length() && isDigit(text.charAt(index))) {
            index++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private SelectorSyntaxException error(String problem, int start) {
        return new SelectorSyntaxException(problem, start + 1, text);
    }
}
