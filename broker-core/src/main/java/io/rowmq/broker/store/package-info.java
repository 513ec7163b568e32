/**
 * Storage over MySQL/MariaDB: the admin schema and its migrations, queue tables, the
 * group-commit writer that appends to them, and range reads.
 */
package io.rowmq.broker.store;
