/**
 * The same measurements through the standard Jakarta Messaging API (RowMQConnectionFactory),
 * against the same broker in the same run, so the cost of the JMS layer over the low-level
 * client shows in one table.
 */
package io.rowmq.bench.jms;
