package io.rowmq.broker.testing;

import io.rowmq.broker.AppendResult;
import io.rowmq.broker.BrokerEngine;
import io.rowmq.broker.Subscription;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.BrowseCursor;
import io.rowmq.protocol.BrowsePage;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.MessageRef;
import io.rowmq.protocol.TopicInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A tiny engine in memory for fast network tests: topics of in-memory queues, one read cursor
 * per consumer, no claims, acks accepted and forgotten. Not a model of the real semantics.
 */
public final class InMemoryBrokerEngine implements BrokerEngine {
    private final Map<String, Topic> topics = new LinkedHashMap<>();
    private final Map<Long, Consumer> consumers = new LinkedHashMap<>();
    private final List<Runnable> waiters = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "in-memory-engine");
        thread.setDaemon(true);
        return thread;
    });
    private long nextConsumerId = 1;
    private final List<Long> closedConsumers = new ArrayList<>();
    private final List<Long> closedConnections = new ArrayList<>();

    private record Topic(TopicInfo info, List<List<byte[]>> queues) {
    }

    private record Consumer(Topic topic, int[] cursors) {
    }

    @Override
    public synchronized CompletableFuture<TopicInfo> createTopic(String name, int queueCount, int maxAttempts) {
        if (topics.containsKey(name)) {
            return CompletableFuture.failedFuture(new BrokerError(ErrorCode.TOPIC_EXISTS, "Topic '" + name + "' exists"));
        }
        TopicInfo info = new TopicInfo(name, queueCount == 0 ? 2 : queueCount, maxAttempts == 0 ? 3 : maxAttempts);
        List<List<byte[]>> queues = new ArrayList<>();
        for (int i = 0; i < info.queueCount(); i++) {
            queues.add(new ArrayList<>());
        }
        topics.put(name, new Topic(info, queues));
        return CompletableFuture.completedFuture(info);
    }

    @Override
    public synchronized CompletableFuture<TopicInfo> createTemporaryTopic(String name, int queueCount,
                                                                          long connectionId) {
        return createTopic(name, queueCount, 0);
    }

    @Override
    public synchronized CompletableFuture<Void> deleteTopic(String name, long connectionId) {
        return topics.remove(name) == null ? unknownTopic(name) : CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> deleteGroup(String topic, String group) {
        return CompletableFuture.failedFuture(new BrokerError(ErrorCode.UNKNOWN_SUBSCRIPTION,
                "The in-memory engine keeps no groups: no subscription '" + group + "'"));
    }

    @Override
    public synchronized CompletableFuture<BrowsePage> browse(String topicName, String group, BrowseCursor from,
                                                             int maxMessages) {
        Topic topic = topics.get(topicName);
        if (topic == null) {
            return unknownTopic(topicName);
        }
        List<Delivery> out = new ArrayList<>();
        BrowseCursor next = from;
        for (int q = 0; q < topic.queues().size() && out.size() < maxMessages; q++) {
            List<byte[]> rows = topic.queues().get(q);
            int index = (int) from.lastSeen(q).orElse(0);
            while (index < rows.size() && out.size() < maxMessages) {
                out.add(new Delivery(q, index + 1, 1, rows.get(index)));
                index++;
            }
            next = next.with(q, index);
        }
        return CompletableFuture.completedFuture(new BrowsePage(out, next, out.size() < maxMessages));
    }

    @Override
    public synchronized CompletableFuture<Void> connectionClosed(long connectionId) {
        closedConnections.add(connectionId);
        return CompletableFuture.completedFuture(null);
    }

    /** The connections whose end the engine was told of, in order. */
    public synchronized List<Long> closedConnections() {
        return List.copyOf(closedConnections);
    }

    @Override
    public synchronized CompletableFuture<List<TopicInfo>> describeTopics(String name) {
        if (name == null) {
            return CompletableFuture.completedFuture(topics.values().stream().map(Topic::info).toList());
        }
        Topic topic = topics.get(name);
        return topic == null ? unknownTopic(name) : CompletableFuture.completedFuture(List.of(topic.info()));
    }

    @Override
    public synchronized CompletableFuture<AppendResult> append(String topicName, int queueIndex, long producerId,
                                                               long baseSequence, List<byte[]> records) {
        Topic topic = topics.get(topicName);
        if (topic == null) {
            return unknownTopic(topicName);
        }
        int queue = queueIndex < 0 ? 0 : queueIndex;
        List<byte[]> rows = topic.queues().get(queue);
        long[] offsets = new long[records.size()];
        for (int i = 0; i < records.size(); i++) {
            rows.add(records.get(i));
            offsets[i] = rows.size();
        }
        List<Runnable> woken = new ArrayList<>(waiters);
        waiters.clear();
        timer.execute(() -> woken.forEach(Runnable::run));
        return CompletableFuture.completedFuture(new AppendResult(queue, false, offsets));
    }

    @Override
    public synchronized CompletableFuture<Subscription> subscribe(String topicName, String group, GroupKind kind,
                                                                  String selector, boolean createTopic,
                                                                  long connectionId) {
        if (!topics.containsKey(topicName) && createTopic) {
            createTopic(topicName, 0, 0);
        }
        Topic topic = topics.get(topicName);
        if (topic == null) {
            return unknownTopic(topicName);
        }
        long id = nextConsumerId++;
        consumers.put(id, new Consumer(topic, new int[topic.info().queueCount()]));
        return CompletableFuture.completedFuture(new Subscription(id, 1));
    }

    @Override
    public CompletableFuture<List<Delivery>> fetch(long consumerId, int maxMessages, long maxWaitMs) {
        CompletableFuture<List<Delivery>> result = new CompletableFuture<>();
        tryFetch(consumerId, maxMessages, result, true);
        timer.schedule(() -> result.complete(List.of()), maxWaitMs, TimeUnit.MILLISECONDS);
        return result;
    }

    private synchronized void tryFetch(long consumerId, int max, CompletableFuture<List<Delivery>> result,
                                       boolean wait) {
        Consumer consumer = consumers.get(consumerId);
        if (consumer == null) {
            result.completeExceptionally(new BrokerError(ErrorCode.UNKNOWN_CONSUMER, "No consumer " + consumerId));
            return;
        }
        List<Delivery> out = new ArrayList<>();
        for (int q = 0; q < consumer.cursors().length && out.size() < max; q++) {
            List<byte[]> rows = consumer.topic().queues().get(q);
            while (consumer.cursors()[q] < rows.size() && out.size() < max) {
                int index = consumer.cursors()[q]++;
                out.add(new Delivery(q, index + 1, 1, rows.get(index)));
            }
        }
        if (!out.isEmpty()) {
            result.complete(out);
        } else if (wait && !result.isDone()) {
            waiters.add(() -> tryFetch(consumerId, max, result, true));
        }
    }

    @Override
    public CompletableFuture<Void> ack(long consumerId, List<MessageRef> refs) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> release(long consumerId, List<MessageRef> refs, String reason, boolean countAttempt) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<Void> closeConsumer(long consumerId) {
        consumers.remove(consumerId);
        closedConsumers.add(consumerId);
        return CompletableFuture.completedFuture(null);
    }

    /** The consumers closed so far, in order. */
    public synchronized List<Long> closedConsumers() {
        return List.copyOf(closedConsumers);
    }

    private static <T> CompletableFuture<T> unknownTopic(String name) {
        return CompletableFuture.failedFuture(new BrokerError(ErrorCode.UNKNOWN_TOPIC, "Topic '" + name + "' does not exist"));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
