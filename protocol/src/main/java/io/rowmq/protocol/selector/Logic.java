package io.rowmq.protocol.selector;

import java.util.List;

/**
 * SQL's three-valued logic: TRUE, FALSE and UNKNOWN (null). AND is FALSE as soon as one operand
 * is FALSE, OR is TRUE as soon as one is TRUE, otherwise UNKNOWN if any operand is; NOT UNKNOWN
 * is UNKNOWN. A value that is not a boolean (a numeric property used as a condition) is UNKNOWN.
 */
final class Logic {
    private Logic() {
    }

    static Boolean truth(Object value) {
        return value instanceof Boolean b ? b : null;
    }

    static Boolean not(Boolean value) {
        return value == null ? null : !value;
    }

    static Boolean and(Boolean left, Boolean right) {
        if (Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right)) {
            return Boolean.FALSE;
        }
        return left == null || right == null ? null : Boolean.TRUE;
    }

    /** Two or more conditions joined by AND, kept flat so a long chain does not nest. */
    record And(List<Expression> operands, int height) implements Expression {
        And(List<Expression> operands) {
            this(List.copyOf(operands), 1 + operands.stream().mapToInt(Expression::height).max().orElse(0));
        }

        @Override
        public Object evaluate(SelectorContext message) {
            boolean unknown = false;
            for (Expression operand : operands) {
                Boolean value = truth(operand.evaluate(message));
                if (value == null) {
                    unknown = true;
                } else if (!value) {
                    return Boolean.FALSE;
                }
            }
            return unknown ? null : Boolean.TRUE;
        }

        @Override
        public ValueType type() {
            return ValueType.BOOLEAN;
        }
    }

    /** Two or more conditions joined by OR, kept flat so a long chain does not nest. */
    record Or(List<Expression> operands, int height) implements Expression {
        Or(List<Expression> operands) {
            this(List.copyOf(operands), 1 + operands.stream().mapToInt(Expression::height).max().orElse(0));
        }

        @Override
        public Object evaluate(SelectorContext message) {
            boolean unknown = false;
            for (Expression operand : operands) {
                Boolean value = truth(operand.evaluate(message));
                if (value == null) {
                    unknown = true;
                } else if (value) {
                    return Boolean.TRUE;
                }
            }
            return unknown ? null : Boolean.FALSE;
        }

        @Override
        public ValueType type() {
            return ValueType.BOOLEAN;
        }
    }

    record Not(Expression operand) implements Expression {
        @Override
        public Object evaluate(SelectorContext message) {
            return not(truth(operand.evaluate(message)));
        }

        @Override
        public ValueType type() {
            return ValueType.BOOLEAN;
        }

        @Override
        public int height() {
            return 1 + operand.height();
        }
    }
}
