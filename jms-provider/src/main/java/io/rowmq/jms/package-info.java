/**
 * The Jakarta Messaging facade: connection factories, connections, sessions, producers,
 * consumers, contexts and destinations, all over the small {@code Transport} of
 * {@code io.rowmq.jms.provider}.
 */
package io.rowmq.jms;
