package io.rowmq.protocol.selector;

import java.util.Set;

/** The predicates other than comparisons: BETWEEN, IN, LIKE and IS NULL, each with its NOT form. */
final class Predicates {
    private Predicates() {
    }

    /** {@code e [NOT] BETWEEN low AND high}: exactly {@code e >= low AND e <= high}, three-valued. */
    record Between(Expression value, Expression low, Expression high, boolean negated) implements Expression {
        @Override
        public Object evaluate(SelectorContext message) {
            Object v = value.evaluate(message);
            Boolean inside = Logic.and(Comparison.compare(Comparison.Operator.GE, v, low.evaluate(message)),
                    Comparison.compare(Comparison.Operator.LE, v, high.evaluate(message)));
            return negated ? Logic.not(inside) : inside;
        }

        @Override
        public ValueType type() {
            return ValueType.BOOLEAN;
        }

        @Override
        public int height() {
            return 1 + Math.max(value.height(), Math.max(low.height(), high.height()));
        }
    }

    /** {@code identifier [NOT] IN ('a', 'b', ...)}: UNKNOWN when the value is NULL or not a string. */
    record In(Identifier identifier, Set<String> values, boolean negated) implements Expression {
        @Override
        public Object evaluate(SelectorContext message) {
            Object value = identifier.evaluate(message);
            if (!(value instanceof String text)) {
                return null;
            }
            return values.contains(text) != negated;
        }

        @Override
        public ValueType type() {
            return ValueType.BOOLEAN;
        }

        @Override
        public int height() {
            return 2;
        }
    }

    /** {@code identifier [NOT] LIKE 'pattern' [ESCAPE 'c']}: UNKNOWN when the value is NULL or not a string. */
    record Like(Identifier identifier, LikePattern pattern, boolean negated) implements Expression {
        @Override
        public Object evaluate(SelectorContext message) {
            Object value = identifier.evaluate(message);
            if (!(value instanceof String text)) {
                return null;
            }
            return pattern.matches(text) != negated;
        }

        @Override
        public ValueType type() {
            return ValueType.BOOLEAN;
        }

        @Override
        public int height() {
            return 2;
        }
    }

    /** {@code identifier IS [NOT] NULL}: never UNKNOWN. */
    record IsNull(Identifier identifier, boolean negated) implements Expression {
        @Override
        public Object evaluate(SelectorContext message) {
            return (identifier.evaluate(message) == null) != negated;
        }

        @Override
        public ValueType type() {
            return ValueType.BOOLEAN;
        }

        @Override
        public int height() {
            return 2;
        }
    }
}
