package io.rowmq.broker.tx;

import io.rowmq.broker.AppendResult;
import io.rowmq.broker.admin.Topic;
import io.rowmq.broker.dispatch.GroupDispatcher;
import io.rowmq.broker.store.QueueRef;
import io.rowmq.protocol.RecordHeader;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What a transaction touches in the rest of the engine: topics, queue writers, consumer groups, the admin pool. */
public interface TransactionTargets {

    /** A piece of blocking admin work. */
    interface AdminTask<T> {
        T run() throws Exception;
    }

    /** Runs blocking work on the admin pool; database failures become wire errors naming {@code what}. */
    <T> CompletableFuture<T> admin(String what, AdminTask<T> task);

    /** The topic of a send (created first if the broker creates topics on first use). Blocking. */
    Topic topic(String name) throws Exception;

    /** The queue a send goes to ({@code queueIndex} -1: the broker picks), with its write lease taken. Blocking. */
    QueueRef writableQueue(Topic topic, int queueIndex);

    /** Reads the trace fields of each record; fails with INVALID_REQUEST for a record that does not parse. */
    List<RecordHeader> headers(String topic, List<byte[]> records);

    /** Appends through the queue's writer; completes after the commit. */
    CompletableFuture<AppendResult> append(Topic topic, QueueRef queue, long producerId, List<byte[]> records,
                                           List<RecordHeader> headers);

    /** The group dispatcher serving the open consumer, or null when the consumer is not open. */
    GroupDispatcher consumer(long consumerId);

    /** The dispatcher of an existing group, loaded if needed; null when the group is gone. Blocking. */
    GroupDispatcher group(Topic topic, long groupId) throws Exception;
}
