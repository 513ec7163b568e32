/**
 * The broker's bootstrap: configuration, the embedded MariaDB default, the runnable jar's
 * entry point and CLI, and {@link io.rowmq.broker.BrokerEngine}, the seam between the network
 * layer and storage.
 */
package io.rowmq.broker;
