package io.rowmq.broker;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which temporary topics each client connection of this broker owns, so that they are deleted
 * when the connection ends. Connections that own none cost nothing when they close.
 */
final class TemporaryTopics {
    private final ConcurrentMap<Long, Set<String>> byConnection = new ConcurrentHashMap<>();

    void add(long connectionId, String topic) {
        byConnection.computeIfAbsent(connectionId, id -> ConcurrentHashMap.newKeySet()).add(topic);
    }

    /** The topic was deleted by its owner before the connection ended. */
    void remove(long connectionId, String topic) {
        byConnection.computeIfPresent(connectionId, (id, topics) -> {
            topics.remove(topic);
            return topics.isEmpty() ? null : topics;
        });
    }

    /** Forgets the connection and returns the topics it owned (empty when none). */
    Set<String> removeConnection(long connectionId) {
        Set<String> topics = byConnection.remove(connectionId);
        return topics == null ? Set.of() : topics;
    }
}
