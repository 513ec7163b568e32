/**
 * Build helpers of the TCK run: a launcher that starts and stops a real RowMQ broker around the
 * integration tests, and a summary of the Failsafe reports per TCK package.
 */
package io.rowmq.tck;
