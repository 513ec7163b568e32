/**
 * The end-to-end benchmark harness: {@link io.rowmq.bench.BenchmarkMain} starts one embedded
 * MariaDB, runs the raw-database phases and the RowMQ phases against it, and prints one table
 * that puts each RowMQ figure next to the raw figure it is measured against.
 */
package io.rowmq.bench;
