package io.rowmq.broker.tx;

/** The state of a recorded transaction (column {@code tx.state}). */
enum TransactionState {
    /** An XA branch after phase one: waits for TX_END. */
    PREPARED,
    /** Decided: the broker that recorded it applies it, after a restart too. */
    COMMITTED
}
