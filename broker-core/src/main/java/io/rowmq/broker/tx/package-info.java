/**
 * Broker-side transactions (docs/decisions.md D16): a transaction's sends and acknowledgements
 * are recorded in the admin database in one database transaction, then applied through the
 * queues' writers and the groups' dispatchers; prepared XA branches wait there for their end.
 */
package io.rowmq.broker.tx;
