/**
 * RowMQ through the broker: an in-process broker (real storage engine, Netty server on
 * loopback) driven by real clients, one connection per producer or consumer. One phase per
 * class; each result names the raw figure it is measured against.
 */
package io.rowmq.bench.broker;
