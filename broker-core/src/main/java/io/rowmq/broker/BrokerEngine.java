package io.rowmq.broker;

import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.BrowseCursor;
import io.rowmq.protocol.BrowsePage;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.MessageRef;
import io.rowmq.protocol.TopicInfo;
import io.rowmq.protocol.TransactionWork;
import io.rowmq.protocol.TransactionXid;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the broker does, independent of the network: the server's handlers turn each request
 * frame into one call here and each completed future into one reply. Futures fail with
 * {@link io.rowmq.protocol.BrokerError} carrying the wire error code. No method blocks the
 * caller: the network event loop calls them.
 */
public interface BrokerEngine extends AutoCloseable {
    /**
     * The connection id of a call made by the broker itself or an operator rather than a client
     * connection: no temporary-topic ownership applies to it. Client connections have ids from 1.
     */
    long NO_CONNECTION = 0;

    CompletableFuture<TopicInfo> createTopic(String name, int queueCount, int maxAttempts);

    /**
     * Creates a temporary topic owned by the client connection {@code connectionId}: only that
     * connection may subscribe to or delete it, and it is deleted by
     * {@link #connectionClosed(long)}.
     *
     * @param queueCount 0 for the broker's default
     */
    CompletableFuture<TopicInfo> createTemporaryTopic(String name, int queueCount, long connectionId);

    /** Deletes the topic, its queue tables and its groups; not on behalf of a client connection. */
    default CompletableFuture<Void> deleteTopic(String name) {
        return deleteTopic(name, NO_CONNECTION);
    }

    /**
     * Deletes the topic, its queue tables and its groups on behalf of a client connection; a
     * temporary topic may only be deleted by the connection that owns it (INVALID_REQUEST).
     */
    CompletableFuture<Void> deleteTopic(String name, long connectionId);

    /** All topics when {@code name} is null, otherwise the one topic (UNKNOWN_TOPIC if absent). */
    CompletableFuture<List<TopicInfo>> describeTopics(String name);

    /**
     * Stores the records in one queue of the topic; completes after the commit.
     *
     * @param queueIndex -1 lets the broker pick a queue it holds the write lease of
     * @param producerId 0 for a send that is not idempotent
     * @param baseSequence the sequence number of the first record; a batch whose sequence was
     *                     already stored for this producer and queue completes as a duplicate
     */
    CompletableFuture<AppendResult> append(String topic, int queueIndex, long producerId, long baseSequence,
                                           List<byte[]> records);

    /** Creates or attaches to a consumer group and opens a consumer on it; not on behalf of a client connection. */
    default CompletableFuture<Subscription> subscribe(String topic, String group, GroupKind kind, String selector,
                                                      boolean createTopic) {
        return subscribe(topic, group, kind, selector, createTopic, NO_CONNECTION);
    }

    /**
     * Creates or attaches to a consumer group and opens a consumer on it for a client connection.
     * A temporary topic may only be consumed by the connection that owns it (INVALID_REQUEST).
     * {@code selector} (null or blank: none) is the consumer's own in a QUEUE group and the
     * subscription's in any other; one that does not parse fails with INVALID_SELECTOR, and a
     * subscription asked for with another selector than its attached consumers have fails with
     * SUBSCRIPTION_IN_USE (decision D14).
     */
    CompletableFuture<Subscription> subscribe(String topic, String group, GroupKind kind, String selector,
                                              boolean createTopic, long connectionId);

    /**
     * Deletes a DURABLE or SHARED group with its offsets and claims (JMS unsubscribe). Fails with
     * UNKNOWN_SUBSCRIPTION when there is no such group and SUBSCRIPTION_IN_USE while a consumer is
     * attached.
     *
     * @param topic the group's topic, or null for the groups of that name on any topic
     */
    CompletableFuture<Void> deleteGroup(String topic, String group);

    /**
     * Up to {@code maxMessages} of the messages the group would still deliver, after the cursor,
     * without claiming or changing anything. A group that does not exist is browsed as a QUEUE
     * group that never consumed.
     */
    CompletableFuture<BrowsePage> browse(String topic, String group, BrowseCursor from, int maxMessages);

    /** The client connection ended: deletes the temporary topics it owned. */
    CompletableFuture<Void> connectionClosed(long connectionId);

    /** Claims up to {@code maxMessages} for the consumer, waiting up to {@code maxWaitMs} for the first. */
    CompletableFuture<List<Delivery>> fetch(long consumerId, int maxMessages, long maxWaitMs);

    /** Settles the messages; completes when the settlement is committed. */
    CompletableFuture<Void> ack(long consumerId, List<MessageRef> refs);

    /**
     * Gives the messages back for redelivery. With {@code countAttempt} the failed delivery
     * counts towards the maximum attempts, past which the message is parked as a dead letter.
     */
    CompletableFuture<Void> release(long consumerId, List<MessageRef> refs, String reason, boolean countAttempt);

    /** Closes the consumer; what it held unsettled becomes available again. */
    CompletableFuture<Void> closeConsumer(long consumerId);

    /**
     * One-phase commit of a transaction (docs/decisions.md D16): its records all become visible
     * and its acknowledged messages are settled, or nothing happens and the future fails
     * (TRANSACTION_ROLLED_BACK when an acknowledged message is no longer its consumer's).
     * Completes after the transaction is recorded and applied.
     */
    default CompletableFuture<Void> commitTransaction(TransactionWork work) {
        return unsupported();
    }

    /** Phase one of an XA branch: completes once the branch's sends and acknowledgements are durable. */
    default CompletableFuture<Void> prepareTransaction(TransactionXid xid, TransactionWork work) {
        return unsupported();
    }

    /** Phase two of a prepared XA branch; fails with UNKNOWN_TRANSACTION when no branch has the xid. */
    default CompletableFuture<Void> endTransaction(TransactionXid xid, boolean commit) {
        return unsupported();
    }

    /** The xids of every prepared XA branch in the broker's database. */
    default CompletableFuture<List<TransactionXid>> recoverTransactions() {
        return unsupported();
    }

    private static <T> CompletableFuture<T> unsupported() {
        return CompletableFuture.failedFuture(new BrokerError(ErrorCode.INVALID_REQUEST,
                "This broker engine does not support transactions; use the MySQL engine"));
    }

    /** Stops taking work, finishes in-flight commits and releases leases. */
    @Override
    void close();
}
