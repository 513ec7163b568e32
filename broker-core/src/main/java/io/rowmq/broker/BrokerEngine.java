package io.rowmq.broker;

import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.MessageRef;
import io.rowmq.protocol.TopicInfo;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the broker does, independent of the network: the server's handlers turn each request
 * frame into one call here and each completed future into one reply. Futures fail with
 * {@link io.rowmq.protocol.BrokerError} carrying the wire error code. No method blocks the
 * caller: the network event loop calls them.
 */
public interface BrokerEngine extends AutoCloseable {

    CompletableFuture<TopicInfo> createTopic(String name, int queueCount, int maxAttempts);

    CompletableFuture<Void> deleteTopic(String name);

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

    /**
     * Creates or attaches to a consumer group and opens a consumer on it. {@code selector} (null
     * or blank: none) is the consumer's own in a QUEUE group and the subscription's in any other;
     * one that does not parse fails with INVALID_SELECTOR, and a subscription asked for with
     * another selector than its attached consumers have fails with SUBSCRIPTION_IN_USE (decision D14).
     */
    CompletableFuture<Subscription> subscribe(String topic, String group, GroupKind kind, String selector,
                                              boolean createTopic);

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

    /** Stops taking work, finishes in-flight commits and releases leases. */
    @Override
    void close();
}
