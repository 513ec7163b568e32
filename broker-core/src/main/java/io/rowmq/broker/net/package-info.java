/**
 * The broker's Netty server: {@link io.rowmq.broker.net.BrokerServer} binds and stops,
 * {@link io.rowmq.broker.net.BrokerServerInitializer} builds each connection's pipeline and
 * {@link io.rowmq.broker.net.BrokerServerHandler} turns each request frame into one
 * {@link io.rowmq.broker.BrokerEngine} call and its outcome into one reply.
 */
package io.rowmq.broker.net;
