/**
 * The Jakarta Messaging message types ({@link io.rowmq.jms.message.RowMQMessage} and its text,
 * bytes, map, stream and object subclasses), their conversion rules, and their mapping to the
 * wire's {@code MessageRecord}. Everything here runs without a network, so the JMS semantics of
 * messages are tested on their own.
 */
package io.rowmq.jms.message;
