package io.rowmq.broker.tx;

/** A recorded transaction's row: its id, the broker that applies it and its state. */
record StoredTransaction(long id, String brokerId, TransactionState state) {
}
