/** Test fixtures: a real MariaDB per test JVM with one database per test class. */
package io.rowmq.broker.testing;
