package io.rowmq.protocol.selector;

/**
 * {@code = <> < > <= >=}. Numbers compare after Java numeric promotion (long with double as
 * double); strings and booleans only with {@code =} and {@code <>}. NULL on either side is UNKNOWN;
 * values of different types (a string with a number, say) and an ordering of strings or
 * booleans are FALSE, as Jakarta Messaging 3.1 section 3.8.1.2 says: nothing is ever converted.
 */
record Comparison(Operator operator, Expression left, Expression right) implements Expression {

    enum Operator {
        EQ("="), NE("<>"), LT("<"), GT(">"), LE("<="), GE(">=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        String symbol() {
            return symbol;
        }

        boolean isEquality() {
            return this == EQ || this == NE;
        }
    }

    @Override
    public Object evaluate(SelectorContext message) {
        return compare(operator, left.evaluate(message), right.evaluate(message));
    }

    static Boolean compare(Operator operator, Object left, Object right) {
        if (left == null || right == null) {
            return null;
        }
        if (left instanceof Long a && right instanceof Long b) {
            return numeric(operator, Long.compare(a, b));
        }
        if (left instanceof Number a && right instanceof Number b && isNumeric(a) && isNumeric(b)) {
            return approximate(operator, a.doubleValue(), b.doubleValue());
        }
        if (operator.isEquality() && (left instanceof String || left instanceof Boolean)
                && left.getClass() == right.getClass()) {
            return left.equals(right) == (operator == Operator.EQ);
        }
        return Boolean.FALSE;
    }

    private static boolean isNumeric(Number value) {
        return value instanceof Long || value instanceof Double;
    }

    private static Boolean numeric(Operator operator, int order) {
        return switch (operator) {
            case EQ -> order == 0;
            case NE -> order != 0;
            case LT -> order < 0;
            case GT -> order > 0;
            case LE -> order <= 0;
            case GE -> order >= 0;
        };
    }

    /** Java's double operators, so NaN is unequal to everything, itself included. */
    private static Boolean approximate(Operator operator, double a, double b) {
        return switch (operator) {
            case EQ -> a == b;
            case NE -> a != b;
            case LT -> a < b;
            case GT -> a > b;
            case LE -> a <= b;
            case GE -> a >= b;
        };
    }

    @Override
    public ValueType type() {
        return ValueType.BOOLEAN;
    }

    @Override
    public int height() {
        return 1 + Math.max(left.height(), right.height());
    }
}
