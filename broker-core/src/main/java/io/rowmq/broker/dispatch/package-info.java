/**
 * Consumer groups: claims with leases, acknowledgements that advance committed offsets,
 * redelivery with a delivery count, parking as a dead letter after the maximum attempts, and
 * holding the messages a recorded transaction acknowledges until it is applied or rolled back.
 * Each group's state is touched by one serial executor only.
 */
package io.rowmq.broker.dispatch;
