package io.rowmq.protocol.selector;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive descent over the selector grammar, lowest precedence first: OR, AND, NOT, the
 * predicates (comparison, BETWEEN, IN, LIKE, IS NULL), {@code + -}, {@code * /}, unary sign,
 * then literals, identifiers and parentheses. Types are checked where the parser can know them
 * (a string in arithmetic, a number used as a condition); identifiers are checked per message.
 * Parentheses, NOT and signs may nest {@value #MAX_NESTING} deep and the tree may be
 * {@value #MAX_HEIGHT} levels high, so neither parsing nor evaluation can overflow the stack.
 */
final class SelectorParser {
    static final int MAX_LENGTH = 4000;
    static final int MAX_NESTING = 100;
    static final int MAX_HEIGHT = 200;

    private final String text;
    private final List<Token> tokens;
    private int at;
    private int nesting;
    private boolean referencesProperties;

    /** A parsed selector: its tree and whether it names any property. */
    record Result(Expression root, boolean referencesProperties) {
    }

    private SelectorParser(String text) {
        this.text = text;
        this.tokens = SelectorLexer.tokenize(text);
    }

    static Result parse(String text) {
        if (text == null || text.isBlank()) {
            throw new SelectorSyntaxException("the selector is empty (no selector means null, not an empty text)",
                    1, text);
        }
        if (text.length() > MAX_LENGTH) {
            throw new SelectorSyntaxException("the selector is " + text.length() + " characters long, more than the "
                    + MAX_LENGTH + " allowed", MAX_LENGTH + 1, text);
        }
        SelectorParser parser = new SelectorParser(text);
        Expression root = parser.or();
        Token end = parser.current();
        if (end.kind() != Token.Kind.END) {
            throw parser.error("expected AND, OR or the end of the selector but found "
                    + end.describe(), end);
        }
        parser.requireCondition(root, "the selector", parser.tokens.get(0));
        return new Result(root, parser.referencesProperties);
    }

    private Expression or() {
        Token first = current();
        Expression left = and();
        if (current().kind() != Token.Kind.OR) {
            return left;
        }
        List<Expression> operands = new ArrayList<>();
        operands.add(requireCondition(left, "OR", first));
        while (accept(Token.Kind.OR)) {
            Token operand = current();
            operands.add(requireCondition(and(), "OR", operand));
        }
        return checkHeight(new Logic.Or(operands), first);
    }

    private Expression and() {
        Token first = current();
        Expression left = not();
        if (current().kind() != Token.Kind.AND) {
            return left;
        }
        List<Expression> operands = new ArrayList<>();
        operands.add(requireCondition(left, "AND", first));
        while (accept(Token.Kind.AND)) {
            Token operand = current();
            operands.add(requireCondition(not(), "AND", operand));
        }
        return checkHeight(new Logic.And(operands), first);
    }

    private Expression not() {
        Token not = current();
        if (!accept(Token.Kind.NOT)) {
            return predicate();
        }
        enter(not);
        Token operandStart = current();
        Expression operand = requireCondition(not(), "NOT", operandStart);
        nesting--;
        return checkHeight(new Logic.Not(operand), not);
    }

    private Expression predicate() {
        Token start = current();
        Expression left = additive();
        Token operator = current();
        switch (operator.kind()) {
            case EQ, NE, LT, GT, LE, GE -> {
                advance();
                Token rightStart = current();
                return comparison(operator, left, additive(), start, rightStart);
            }
            case NOT -> {
                advance();
                Token next = current();
                return switch (next.kind()) {
                    case BETWEEN, IN, LIKE -> negatable(left, start, true);
                    default -> throw error("NOT after a value must be followed by BETWEEN, IN or LIKE but found "
                            + next.describe(), next);
                };
            }
            case BETWEEN, IN, LIKE -> {
                return negatable(left, start, false);
            }
            case IS -> {
                advance();
                boolean negated = accept(Token.Kind.NOT);
                expect(Token.Kind.NULL, "IS " + (negated ? "NOT " : "") + "must be followed by NULL");
                return new Predicates.IsNull(requireIdentifier(left, "IS NULL", start), negated);
            }
            default -> {
                return left;
            }
        }
    }

    private Expression negatable(Expression left, Token start, boolean negated) {
        Token keyword = current();
        advance();
        return switch (keyword.kind()) {
            case BETWEEN -> between(left, start, negated);
            case IN -> new Predicates.In(requireIdentifier(left, "IN", start), inList(), negated);
            default -> new Predicates.Like(requireIdentifier(left, "LIKE", start), likePattern(), negated);
        };
    }

    private Expression comparison(Token operator, Expression left, Expression right, Token leftStart,
                                  Token rightStart) {
        Comparison.Operator op = switch (operator.kind()) {
            case EQ -> Comparison.Operator.EQ;
            case NE -> Comparison.Operator.NE;
            case LT -> Comparison.Operator.LT;
            case GT -> Comparison.Operator.GT;
            case LE -> Comparison.Operator.LE;
            default -> Comparison.Operator.GE;
        };
        if (!op.isEquality()) {
            requireOrderable(left, op, leftStart);
            requireOrderable(right, op, rightStart);
        }
        requireComparable(left, right, op, rightStart);
        return checkHeight(new Comparison(op, left, right), operator);
    }

    /**
     * Two operands whose types are fixed by the text itself (literals, arithmetic, conditions; not
     * identifiers, whose values arrive with the message) must be of one type: {@code TRUE = 0} is
     * an error in the selector, not a comparison that is false.
     */
    private void requireComparable(Expression left, Expression right, Comparison.Operator op, Token at) {
        if (left instanceof Identifier || right instanceof Identifier) {
            return;
        }
        Expression.ValueType a = left.type();
        Expression.ValueType b = right.type();
        if (a != Expression.ValueType.ANY && b != Expression.ValueType.ANY && a != b) {
            throw error("'" + op.symbol() + "' compares " + a.description() + " with " + b.description()
                    + "; both sides must be of one type", at);
        }
    }

    private void requireOrderable(Expression operand, Comparison.Operator op, Token at) {
        if (operand.type() == Expression.ValueType.STRING || operand.type() == Expression.ValueType.BOOLEAN) {
            throw error("'" + op.symbol() + "' compares numbers, but this operand is " + operand.type().description()
                    + " (strings and booleans can only be compared with = and <>)", at);
        }
    }

    private Expression between(Expression value, Token start, boolean negated) {
        requireNumeric(value, "BETWEEN", start);
        Token lowStart = current();
        Expression low = requireNumeric(additive(), "BETWEEN", lowStart);
        expect(Token.Kind.AND, "BETWEEN needs AND between its bounds");
        Token highStart = current();
        Expression high = requireNumeric(additive(), "BETWEEN", highStart);
        return checkHeight(new Predicates.Between(value, low, high, negated), start);
    }

    private Set<String> inList() {
        expect(Token.Kind.LPAREN, "IN must be followed by '(' and a list of string literals");
        Set<String> values = new LinkedHashSet<>();
        do {
            Token value = current();
            if (value.kind() != Token.Kind.STRING) {
                throw error("IN accepts string literals only but found " + value.describe(), value);
            }
            advance();
            values.add(value.text());
        } while (accept(Token.Kind.COMMA));
        expect(Token.Kind.RPAREN, "the IN list must end with ')'");
        return Set.copyOf(values);
    }

    private LikePattern likePattern() {
        Token pattern = current();
        if (pattern.kind() != Token.Kind.STRING) {
            throw error("LIKE must be followed by a string literal pattern but found " + pattern.describe(), pattern);
        }
        advance();
        int escape = -1;
        if (accept(Token.Kind.ESCAPE)) {
            Token character = current();
            if (character.kind() != Token.Kind.STRING
                    || character.text().codePointCount(0, character.text().length()) != 1) {
                throw error("ESCAPE must be followed by a string literal of exactly one character but found "
                        + character.describe(), character);
            }
            advance();
            escape = character.text().codePointAt(0);
        }
        try {
            return LikePattern.compile(pattern.text(), escape);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage(), pattern);
        }
    }

    private Expression additive() {
        Token start = current();
        Expression left = multiplicative();
        while (current().kind() == Token.Kind.PLUS || current().kind() == Token.Kind.MINUS) {
            Token operator = current();
            advance();
            Token rightStart = current();
            Expression right = multiplicative();
            left = arithmetic(operator.kind() == Token.Kind.PLUS ? Arithmetic.Operator.ADD
                    : Arithmetic.Operator.SUBTRACT, left, right, start, rightStart, operator);
        }
        return left;
    }

    private Expression multiplicative() {
        Token start = current();
        Expression left = unary();
        while (current().kind() == Token.Kind.STAR || current().kind() == Token.Kind.SLASH) {
            Token operator = current();
            advance();
            Token rightStart = current();
            Expression right = unary();
            left = arithmetic(operator.kind() == Token.Kind.STAR ? Arithmetic.Operator.MULTIPLY
                    : Arithmetic.Operator.DIVIDE, left, right, start, rightStart, operator);
        }
        return left;
    }

    private Expression arithmetic(Arithmetic.Operator op, Expression left, Expression right, Token leftStart,
                                  Token rightStart, Token operator) {
        requireNumeric(left, "'" + op.symbol() + "'", leftStart);
        requireNumeric(right, "'" + op.symbol() + "'", rightStart);
        return checkHeight(new Arithmetic(op, left, right), operator);
    }

    private Expression unary() {
        Token sign = current();
        if (sign.kind() != Token.Kind.PLUS && sign.kind() != Token.Kind.MINUS) {
            return primary();
        }
        advance();
        boolean minus = sign.kind() == Token.Kind.MINUS;
        Token operandStart = current();
        if (operandStart.kind() == Token.Kind.EXACT || operandStart.kind() == Token.Kind.APPROX) {
            advance();
            return number(operandStart, minus); // folded, so -9223372036854775808 is in range
        }
        enter(sign);
        Expression operand = requireNumeric(unary(), "unary '" + sign.text() + "'", operandStart);
        nesting--;
        return minus ? checkHeight(new Arithmetic.Negation(operand), sign) : operand;
    }

    private Expression primary() {
        Token token = current();
        switch (token.kind()) {
            case STRING -> {
                advance();
                return new Literal(token.text(), Expression.ValueType.STRING);
            }
            case EXACT, APPROX -> {
                advance();
                return number(token, false);
            }
            case TRUE, FALSE -> {
                advance();
                return new Literal(token.kind() == Token.Kind.TRUE, Expression.ValueType.BOOLEAN);
            }
            case IDENTIFIER -> {
                advance();
                Identifier identifier = Identifier.of(token.text());
                referencesProperties |= identifier.isProperty();
                return identifier;
            }
            case LPAREN -> {
                advance();
                enter(token);
                Expression inner = or();
                expect(Token.Kind.RPAREN, "the '(' at character " + token.position() + " is not closed");
                nesting--;
                return inner;
            }
            case NULL -> throw error("NULL can only be used in IS NULL or IS NOT NULL", token);
            case END -> throw error("the selector ends where a value was expected", token);
            case NOT, AND, OR, BETWEEN, LIKE, IN, IS, ESCAPE -> throw error("expected an identifier, a literal or '('"
                    + " but found " + token.describe() + ", a reserved word that cannot be used as an identifier",
                    token);
            default -> throw error("expected an identifier, a literal or '(' but found " + token.describe(), token);
        }
    }

    private Literal number(Token token, boolean negative) {
        try {
            return new Literal(NumberLiterals.value(token, negative), Expression.ValueType.NUMERIC);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage(), token);
        }
    }

    private Expression requireCondition(Expression expression, String role, Token at) {
        Expression.ValueType type = expression.type();
        if (type != Expression.ValueType.BOOLEAN && type != Expression.ValueType.ANY) {
            throw error(role + " needs a condition (true or false) but this is " + type.description(), at);
        }
        return expression;
    }

    private Expression requireNumeric(Expression expression, String role, Token at) {
        Expression.ValueType type = expression.type();
        if (type != Expression.ValueType.NUMERIC && type != Expression.ValueType.ANY) {
            throw error(role + " needs a number but this operand is " + type.description(), at);
        }
        return expression;
    }

    private Identifier requireIdentifier(Expression expression, String role, Token at) {
        if (!(expression instanceof Identifier identifier)) {
            throw error(role + " can only follow an identifier, not " + expression.type().description(), at);
        }
        return identifier;
    }

    private Expression checkHeight(Expression expression, Token at) {
        if (expression.height() > MAX_HEIGHT) {
            throw error("the expression is nested more than " + MAX_HEIGHT + " levels deep", at);
        }
        return expression;
    }

    private void enter(Token at) {
        if (++nesting > MAX_NESTING) {
            throw error("parentheses, NOT and signs are nested more than " + MAX_NESTING + " levels deep", at);
        }
    }

    private Token current() {
        return tokens.get(at);
    }

    private void advance() {
        if (at < tokens.size() - 1) {
            at++;
        }
    }

    private boolean accept(Token.Kind kind) {
        if (current().kind() == kind) {
            advance();
            return true;
        }
        return false;
    }

    private void expect(Token.Kind kind, String problem) {
        Token token = current();
        if (!accept(kind)) {
            throw error(problem + " (expected " + kind.description() + " but found " + token.describe() + ")", token);
        }
    }

    private SelectorSyntaxException error(String problem, Token at) {
        return new SelectorSyntaxException(problem, at.position(), text);
    }
}
