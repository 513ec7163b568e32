package io.rowmq.broker;

import io.rowmq.broker.admin.Topic;
import io.rowmq.broker.dispatch.GroupDispatcher;
import io.rowmq.broker.dispatch.GroupRegistry;
import io.rowmq.broker.store.QueueRef;
import io.rowmq.broker.tx.TransactionTargets;
import io.rowmq.protocol.RecordHeader;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The engine's topics, writers, groups and admin pool as the transaction coordinator sees them. */
final class EngineTransactionTargets implements TransactionTargets {
    private final MySqlBrokerEngine engine;
    private final EngineThreads threads;
    private final QueueWriters writers;
    private final GroupRegistry groups;

    EngineTransactionTargets(MySqlBrokerEngine engine, EngineThreads threads, QueueWriters writers,
                             GroupRegistry groups) {
        this.engine = engine;
        this.threads = threads;
        this.writers = writers;
        this.groups = groups;
    }

    @Override
    public <T> CompletableFuture<T> admin(String what, AdminTask<T> task) {
        return threads.admin(what, task::run);
    }

    @Override
    public Topic topic(String name) throws Exception {
        return engine.resolve(name, engine.autoCreateTopics());
    }

    @Override
    public QueueRef writableQueue(Topic topic, int queueIndex) {
        return writers.writable(topic, queueIndex);
    }

    @Override
    public List<RecordHeader> headers(String topic, List<byte[]> records) {
        return MySqlBrokerEngine.parseHeaders(topic, records);
    }

    @Override
    public CompletableFuture<AppendResult> append(Topic topic, QueueRef queue, long producerId, List<byte[]> records,
                                                  List<RecordHeader> headers) {
        return writers.append(topic, queue.index(), producerId, 0, records, headers);
    }

    @Override
    public GroupDispatcher consumer(long consumerId) {
        return engine.dispatcherOrNull(consumerId);
    }

    @Override
    public GroupDispatcher group(Topic topic, long groupId) throws Exception {
        return groups.openExisting(topic, groupId);
    }
}
