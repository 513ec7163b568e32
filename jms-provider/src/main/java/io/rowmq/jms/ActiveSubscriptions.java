package io.rowmq.jms;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;

import java.util.HashMap;
import java.util.Map;

/**
 * The durable and shared subscriptions a connection has consumers on, so the rules of
 * JMS 2.0 section 8.3 are checked before the broker is asked: one consumer on an unshared
 * durable subscription, no mixing of shared and unshared, no unsubscribe while in use.
 */
final class ActiveSubscriptions {
    private record Active(boolean shared, String topic, String selector, int consumers) {
    }

    private final Map<String, Active> byGroup = new HashMap<>();

    synchronized void attach(Subscription subscription, String selector) throws JMSException {
        Active active = byGroup.get(subscription.group());
        if (active != null) {
            if (!subscription.shared() || !active.shared) {
                throw new IllegalStateException("Subscription '" + subscription.durableName() + "' already has an"
                        + " active consumer on this connection" + (active.shared == subscription.shared() ? ""
                        : " and is " + (active.shared ? "shared" : "not shared")));
            }
            if (!active.topic.equals(subscription.topic()) || !java.util.Objects.equals(active.selector, selector)) {
                throw new JMSException("Shared subscription '" + subscription.durableName() + "' has active consumers"
                        + " with another topic or selector; close them first", "SUBSCRIPTION_IN_USE");
            }
            byGroup.put(subscription.group(), new Active(true, active.topic, active.selector, active.consumers + 1));
        } else {
            byGroup.put(subscription.group(), new Active(subscription.shared(), subscription.topic(), selector, 1));
        }
    }

    synchronized void detach(Subscription subscription) {
        Active active = byGroup.get(subscription.group());
        if (active == null) {
            return;
        }
        if (active.consumers <= 1) {
            byGroup.remove(subscription.group());
        } else {
            byGroup.put(subscription.group(), new Active(active.shared, active.topic, active.selector,
                    active.consumers - 1));
        }
    }

    synchronized boolean inUse(String group) {
        return byGroup.containsKey(group);
    }
}
