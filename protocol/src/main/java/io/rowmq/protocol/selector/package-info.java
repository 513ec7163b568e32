/**
 * Jakarta Messaging 3.1 message selectors (section 3.8.1): a parser that rejects what the
 * specification does not allow with the position of the fault, and an evaluator with SQL's
 * three-valued logic. Shared by the broker, which filters deliveries, and the client.
 */
package io.rowmq.protocol.selector;
