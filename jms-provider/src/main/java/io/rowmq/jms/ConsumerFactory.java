package io.rowmq.jms;

import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Topic;

import java.util.UUID;

/**
 * Turns the JMS ways of creating a consumer into a broker subscription (DESIGN.md, "JMS
 * mapping") after checking what the spec requires: a valid destination, a temporary one only
 * on its own connection, a client id for unshared durable subscriptions, the shared/unshared rules.
 */
final class ConsumerFactory {
    /** Messages a consumer claims ahead of the application when the URL sets no {@code prefetch}. */
    static final int DEFAULT_PREFETCH = 100;
    /** Always true: no message carries this property (see {@link #brokerSelector}). */
    static final String NO_LOCAL_MARK = "rowmq_noLocal IS NULL";

    private final RowMQSession session;

    ConsumerFactory(RowMQSession session) {
        this.session = session;
    }

    RowMQMessageConsumer plain(Destination destination, String selector, boolean noLocal) throws JMSException {
        RowMQDestination target = checkDestination(destination, "createConsumer");
        if (target.isQueue()) {
            session.domain().requireQueues("createConsumer on a queue");
        } else {
            session.domain().requireTopics("createConsumer on a topic");
        }
        String normalized = Selectors.normalize(selector);
        Subscription subscription = target.isQueue() ? Subscription.queue(target)
                : Subscription.nonDurable(target, UUID.randomUUID().toString());
        return open(target, subscription, normalized, noLocal && !target.isQueue());
    }

    RowMQMessageConsumer durable(Topic topic, String name, String selector, boolean noLocal, boolean shared)
            throws JMSException {
        RowMQDestination target = checkTopic(topic, shared ? "createSharedDurableConsumer" : "createDurableConsumer");
        checkName(name);
        String clientId = shared ? session.connection().clientIdOrNull()
                : session.connection().requireClientId("A durable subscription that is not shared");
        String normalized = Selectors.normalize(selector);
        Subscription subscription = Subscription.durable(target, clientId, name, shared);
        return attached(target, subscription, normalized, noLocal);
    }

    /**
     * The selector the broker stores for a durable subscription. noLocal is applied on the client,
     * but it is part of what the subscription is (JMS: changing it makes a new subscription), so a
     * noLocal subscription carries a clause that is always true, and the broker recreates the
     * group when the flag changes, as it does for a changed selector.
     */
    static String brokerSelector(String selector, boolean noLocal) {
        if (!noLocal) {
            return selector;
        }
        return selector == null ? NO_LOCAL_MARK : "(" + selector + ") AND " + NO_LOCAL_MARK;
    }

    RowMQMessageConsumer sharedNonDurable(Topic topic, String name, String selector) throws JMSException {
        RowMQDestination target = checkTopic(topic, "createSharedConsumer");
        checkName(name);
        String normalized = Selectors.normalize(selector);
        Subscription subscription = Subscription.sharedNonDurable(target, session.connection().clientIdOrNull(), name);
        return attached(target, subscription, normalized, false);
    }

    private RowMQMessageConsumer attached(RowMQDestination target, Subscription subscription, String selector,
                                          boolean noLocal) throws JMSException {
        ActiveSubscriptions active = session.connection().subscriptions();
        active.attach(subscription, selector);
        try {
            return open(target, subscription, selector, noLocal);
        } catch (JMSException | RuntimeException e) {
            active.detach(subscription);
            throw e;
        }
    }

    private RowMQMessageConsumer open(RowMQDestination target, Subscription subscription, String selector,
                                      boolean noLocal) throws JMSException {
        RowMQConnection connection = session.connection();
        String stored = subscription.durable() ? brokerSelector(selector, noLocal) : selector;
        long consumerId = Await.result("Subscribing to " + target + (selector == null ? "" : " with selector '"
                        + selector + "'"),
                connection.transport().subscribe(subscription.topic(), subscription.group(), subscription.kind(),
                        stored, true));
        int prefetch = connection.url().intOption("prefetch", DEFAULT_PREFETCH, 1);
        return new RowMQMessageConsumer(session, target, subscription, selector, stored, noLocal, consumerId,
                prefetch);
    }

    void unsubscribe(String name) throws JMSException {
        checkName(name);
        String group = Subscription.durableGroup(session.connection().clientIdOrNull(), name);
        if (session.connection().subscriptions().inUse(group)) {
            throw new IllegalStateException("Durable subscription '" + name + "' has an active consumer;"
                    + " close it before unsubscribing");
        }
        Await.result("Unsubscribing durable subscription '" + name + "'",
                session.connection().transport().deleteGroup(null, group));
    }

    private RowMQDestination checkDestination(Destination destination, String method) throws JMSException {
        if (destination == null) {
            throw new InvalidDestinationException(method + ": the destination must not be null");
        }
        RowMQDestination target = RowMQDestination.of(destination);
        if (target.isTemporary() && !session.connection().ownsTemporary(target)) {
            throw new InvalidDestinationException("Temporary destination " + target + " was created by another"
                    + " connection or has been deleted; only its own connection can consume from it");
        }
        return target;
    }

    private RowMQDestination checkTopic(Topic topic, String method) throws JMSException {
        if (topic == null) {
            throw new InvalidDestinationException(method + ": the topic must not be null");
        }
        return checkDestination(topic, method);
    }

    private static void checkName(String name) throws JMSException {
        if (name == null || name.isEmpty()) {
            throw new JMSException("A subscription name must not be null or empty", "INVALID_NAME");
        }
    }
}
