package io.rowmq.jms;

import jakarta.jms.IllegalStateException;

/**
 * Which API a session was created through: the unified one, or the JMS 1.0 queue or topic
 * domain, whose sessions refuse the other domain's methods with IllegalStateException.
 */
enum SessionDomain {
    UNIFIED, QUEUE, TOPIC;

    void requireTopics(String method) throws IllegalStateException {
        if (this == QUEUE) {
            throw new IllegalStateException(method + " is a topic operation; a QueueSession does not offer it");
        }
    }

    void requireQueues(String method) throws IllegalStateException {
        if (this == TOPIC) {
            throw new IllegalStateException(method + " is a queue operation; a TopicSession does not offer it");
        }
    }
}
