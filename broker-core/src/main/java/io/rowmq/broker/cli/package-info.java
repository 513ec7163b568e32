/**
 * The command-line client in {@code rowmq-broker.jar}: create, list and delete topics, send
 * test messages and receive them, and manage the broker's users, against a running broker over
 * the wire protocol.
 */
package io.rowmq.broker.cli;
