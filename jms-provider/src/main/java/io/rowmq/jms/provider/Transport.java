package io.rowmq.jms.provider;

import io.rowmq.protocol.BrowseCursor;
import io.rowmq.protocol.BrowsePage;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.MessageRef;
import io.rowmq.protocol.ProduceResult;
import io.rowmq.protocol.TopicInfo;
import io.rowmq.protocol.TransactionWork;
import io.rowmq.protocol.TransactionXid;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What the JMS facade needs from a broker connection: one method per broker operation, each
 * answered by a future. Futures complete on the transport's I/O thread, so the facade never
 * blocks in a dependent stage. {@link RowMQClient} is the Netty implementation.
 */
public interface Transport extends AutoCloseable {

    CompletableFuture<ProduceResult> produce(String topic, int queueIndex, long producerId, long baseSequence,
                                             List<byte[]> records);

    CompletableFuture<Long> subscribe(String topic, String group, GroupKind kind, String selector,
                                      boolean createTopic);

    CompletableFuture<List<Delivery>> fetch(long consumerId, int maxMessages, int maxWaitMs);

    CompletableFuture<Void> ack(long consumerId, List<MessageRef> refs);

    CompletableFuture<Void> release(long consumerId, List<MessageRef> refs, String reason, boolean countAttempt);

    CompletableFuture<Void> closeConsumer(long consumerId);

    CompletableFuture<TopicInfo> createTopic(String name, int queueCount, int maxAttempts);

    CompletableFuture<Void> deleteTopic(String name);

    CompletableFuture<List<TopicInfo>> metadata(String topicOrNull);

    /** Creates a topic owned by this connection, dropped by the broker when the connection ends. */
    CompletableFuture<TopicInfo> createTemporaryTopic(String name, int queueCount);

    /** Removes a durable or shared consumer group; {@code topic} null finds it by name on any topic. */
    CompletableFuture<Void> deleteGroup(String topic, String group);

    /** Registers the JMS client id of this connection; fails when another live connection holds it. */
    CompletableFuture<Void> setClientId(String clientId);

    /** One page of the messages a group would still deliver, claiming nothing; {@code from} null starts at the head. */
    CompletableFuture<BrowsePage> browse(String topic, String group, BrowseCursor from, int maxMessages);

    /** Commits a transaction's sends and acknowledgements atomically, in one phase (D16). */
    CompletableFuture<Void> commitTransaction(TransactionWork work);

    /** Records an XA branch's work durably under its xid (phase one). */
    CompletableFuture<Void> prepareTransaction(TransactionXid xid, TransactionWork work);

    /** Commits or rolls back a prepared XA branch (phase two). */
    CompletableFuture<Void> endTransaction(TransactionXid xid, boolean commit);

    /** The xids of the prepared XA branches in the broker's database. */
    CompletableFuture<List<TransactionXid>> recoverTransactions();

    /** Runs {@code listener} once, with the reason, when the connection ends other than by {@link #close()}. */
    void whenLost(Consumer<String> listener);

    boolean isOpen();

    /** The id the broker gave this connection. */
    long connectionId();

    /** The broker's id, as announced in the handshake. */
    String brokerId();

    @Override
    void close();
}
