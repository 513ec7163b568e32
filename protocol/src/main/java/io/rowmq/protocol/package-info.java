/**
 * What the client and the broker share: frames and their codec, the message record
 * encoding, error codes and the small value types of the wire protocol (docs/protocol.md).
 */
package io.rowmq.protocol;
