package io.rowmq.protocol.selector;

/**
 * One lexical element of a selector. {@code text} is the identifier, the unescaped string
 * literal, the number as written, or the word or operator as written; {@code position} is
 * 1-based.
 */
record Token(Kind kind, String text, int position) {

    enum Kind {
        STRING("a string literal"), EXACT("a number"), APPROX("a number"), IDENTIFIER("an identifier"),
        NULL("NULL"), TRUE("TRUE"), FALSE("FALSE"), NOT("NOT"), AND("AND"), OR("OR"), BETWEEN("BETWEEN"),
        LIKE("LIKE"), IN("IN"), IS("IS"), ESCAPE("ESCAPE"),
        EQ("'='"), NE("'<>'"), LT("'<'"), GT("'>'"), LE("'<='"), GE("'>='"),
        PLUS("'+'"), MINUS("'-'"), STAR("'*'"), SLASH("'/'"), LPAREN("'('"), RPAREN("')'"), COMMA("','"),
        END("the end of the selector");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    /** How this token is named in an error message. */
    String describe() {
        return switch (kind) {
            case STRING -> "string literal '" + text.replace("'", "''") + "'";
            case EXACT, APPROX -> "number " + text;
            case IDENTIFIER -> "identifier " + text;
            case END -> kind.description();
            default -> Character.isLetter(text.charAt(0)) ? text.toUpperCase(java.util.Locale.ROOT) : "'" + text + "'";
        };
    }
}
