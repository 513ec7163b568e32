/**
 * The client transport: {@link io.rowmq.jms.provider.RowMQClient}, one Netty connection to a
 * broker speaking the wire protocol (docs/protocol.md), with one asynchronous method per
 * request. The JMS facade talks to this package, never to Netty directly.
 */
package io.rowmq.jms.provider;
