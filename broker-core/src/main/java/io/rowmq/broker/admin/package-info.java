/**
 * Metadata in the admin schema: topics, their queues and the data nodes that hold them, and the
 * broker's users with their salted password hashes.
 */
package io.rowmq.broker.admin;
