package io.rowmq.jms;

import io.rowmq.protocol.GroupKind;

/**
 * Where a JMS consumer reads from on the broker: a topic, a consumer group and its kind
 * (DESIGN.md, "JMS mapping"). Queue consumers share the group {@value #QUEUE_GROUP}; each
 * non-durable topic consumer gets its own ephemeral group.
 *
 * @param durableName the subscription name of a durable or shared subscription, else null
 * @param shared      true for shared subscriptions (several consumers may attach)
 */
record Subscription(String topic, String group, GroupKind kind, String durableName, boolean shared) {
    /** The consumer group of every JMS queue. */
    static final String QUEUE_GROUP = "queue";

    static Subscription queue(RowMQDestination queue) {
        return new Subscription(queue.brokerTopic(), QUEUE_GROUP, GroupKind.QUEUE, null, false);
    }

    static Subscription nonDurable(RowMQDestination topic, String consumerUuid) {
        return new Subscription(topic.brokerTopic(), "sub:" + consumerUuid, GroupKind.EPHEMERAL, null, false);
    }

    /** Unshared and shared durable subscriptions share one namespace per client id (JMS 2.0, 6.11.1). */
    static Subscription durable(RowMQDestination topic, String clientId, String name, boolean shared) {
        return new Subscription(topic.brokerTopic(), durableGroup(clientId, name), GroupKind.DURABLE, name, shared);
    }

    static Subscription sharedNonDurable(RowMQDestination topic, String clientId, String name) {
        return new Subscription(topic.brokerTopic(), "shared:" + (clientId == null ? "" : clientId) + ":" + name,
                GroupKind.SHARED, name, true);
    }

    static String durableGroup(String clientId, String name) {
        return "durable:" + (clientId == null ? "" : clientId) + ":" + name;
    }

    boolean durable() {
        return kind == GroupKind.DURABLE;
    }
}
