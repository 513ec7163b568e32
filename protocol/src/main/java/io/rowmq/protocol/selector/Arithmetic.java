package io.rowmq.protocol.selector;

/**
 * {@code + - * /} with Java numeric promotion: two exact (long) operands give an exact result
 * (wrapping on overflow, as Java does), anything with an approximate operand gives a double.
 * NULL or a value that is not a number gives UNKNOWN, and so does division by zero.
 */
record Arithmetic(Operator operator, Expression left, Expression right) implements Expression {

    enum Operator {
        ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        String symbol() {
            return symbol;
        }
    }

    @Override
    public Object evaluate(SelectorContext message) {
        Object a = left.evaluate(message);
        if (!(a instanceof Long || a instanceof Double)) {
            return null;
        }
        Object b = right.evaluate(message);
        if (!(b instanceof Long || b instanceof Double)) {
            return null;
        }
        if (a instanceof Long x && b instanceof Long y) {
            return switch (operator) {
                case ADD -> x + y;
                case SUBTRACT -> x - y;
                case MULTIPLY -> x * y;
                case DIVIDE -> y == 0 ? null : x / y;
            };
        }
        double x = ((Number) a).doubleValue();
        double y = ((Number) b).doubleValue();
        return switch (operator) {
            case ADD -> x + y;
            case SUBTRACT -> x - y;
            case MULTIPLY -> x * y;
            case DIVIDE -> y == 0 ? null : x / y;
        };
    }

    @Override
    public ValueType type() {
        return ValueType.NUMERIC;
    }

    @Override
    public int height() {
        return 1 + Math.max(left.height(), right.height());
    }

    /** Unary minus; unary plus only checks that its operand is numeric and leaves no node. */
    record Negation(Expression operand) implements Expression {
        @Override
        public Object evaluate(SelectorContext message) {
            Object value = operand.evaluate(message);
            if (value instanceof Long x) {
                return -x;
            }
            return value instanceof Double x ? -x : null;
        }

        @Override
        public ValueType type() {
            return ValueType.NUMERIC;
        }

        @Override
        public int height() {
            return 1 + operand.height();
        }
    }
}
