/**
 * Consumer groups: claims with leases, acknowledgements that advance committed offsets,
 * redelivery with a delivery count, and parking as a dead letter after the maximum attempts.
 * Each group's state is touched by one serial executor only.
 */
package io.rowmq.broker.dispatch;
