/** Metadata in the admin schema: topics, their queues and the data nodes that hold them. */
package io.rowmq.broker.admin;
