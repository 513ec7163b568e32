package io.rowmq.protocol.selector;

/** A string, exact (Long), approximate (Double) or boolean literal. */
record Literal(Object value, ValueType type) implements Expression {

    @Override
    public Object evaluate(SelectorContext message) {
        return value;
    }

    @Override
    public int height() {
        return 1;
    }
}
