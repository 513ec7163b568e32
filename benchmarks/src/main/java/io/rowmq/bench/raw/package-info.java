/**
 * The raw database limits: plain JDBC against a table made from the queue-table template, with
 * nothing of RowMQ in between. Each phase is one class; their figures are the baselines the
 * broker's figures are divided by.
 */
package io.rowmq.bench.raw;
