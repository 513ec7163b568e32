package io.rowmq.jms;

import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;

import java.io.Serializable;
import java.util.Objects;

/**
 * A queue or topic by name. The wire name ({@code queue://NAME}, {@code topic://NAME},
 * {@code temp-queue://NAME}, {@code temp-topic://NAME}) travels in the message record's
 * destination and reply-to fields; {@link #brokerTopic()} is the broker topic it is stored in.
 * Queues and topics are separate namespaces (DESIGN.md): a JMS queue {@code q} is broker topic
 * {@code q}, a JMS topic {@code t} is broker topic {@code topic:t}.
 */
public abstract class RowMQDestination implements Destination, Serializable {
    private static final long serialVersionUID = 1L;

    /** Broker-topic prefix of JMS topics. */
    public static final String TOPIC_PREFIX = "topic:";
    /** Broker-topic prefix of temporary queues. */
    public static final String TEMP_QUEUE_PREFIX = "temp-queue:";
    /** Broker-topic prefix of temporary topics. */
    public static final String TEMP_TOPIC_PREFIX = "temp-topic:";

    private final String name;

    RowMQDestination(String name) {
        this.name = Objects.requireNonNull(name, "destination name");
    }

    /** The name the application gave (for temporary destinations, the generated one). */
    public final String getName() {
        return name;
    }

    /** The form written into message records: {@code scheme://name}. */
    public final String toWireName() {
        return scheme() + "://" + name;
    }

    /** The broker topic that stores this destination's messages. */
    public abstract String brokerTopic();

    /** {@code queue}, {@code topic}, {@code temp-queue} or {@code temp-topic}. */
    abstract String scheme();

    /** True for queues (temporary or not), false for topics. */
    public abstract boolean isQueue();

    /** True for temporary queues and topics. */
    public boolean isTemporary() {
        return false;
    }

    /**
     * The destination for a wire name, or null for null. Temporary destinations come back
     * without an owner: they can be sent to and compared, but only their creator deletes them.
     *
     * @throws IllegalArgumentException when the name has no known scheme
     */
    public static RowMQDestination fromWireName(String wireName) {
        if (wireName == null) {
            return null;
        }
        int sep = wireName.indexOf("://");
        if (sep < 0) {
            throw new IllegalArgumentException("Destination '" + wireName
                    + "' has no scheme (expected queue://, topic://, temp-queue:// or temp-topic://)");
        }
        String name = wireName.substring(sep + 3);
        return switch (wireName.substring(0, sep)) {
            case "queue" -> new RowMQQueue(name);
            case "topic" -> new RowMQTopic(name);
            case "temp-queue" -> new RowMQTemporaryQueue(name, null);
            case "temp-topic" -> new RowMQTemporaryTopic(name, null);
            default -> throw new IllegalArgumentException("Destination '" + wireName
                    + "' has an unknown scheme (expected queue://, topic://, temp-queue:// or temp-topic://)");
        };
    }

    /**
     * The RowMQ form of any destination: ours as is, a foreign {@code Queue}/{@code Topic} by its name.
     *
     * @throws InvalidDestinationException for null or a destination that is neither queue nor topic
     */
    public static RowMQDestination of(Destination destination) throws JMSException {
        if (destination instanceof RowMQDestination ours) {
            return ours;
        }
        if (destination instanceof jakarta.jms.TemporaryQueue || destination instanceof jakarta.jms.TemporaryTopic) {
            throw new InvalidDestinationException("Temporary destination " + destination
                    + " belongs to another JMS provider and cannot be used with RowMQ");
        }
        if (destination instanceof jakarta.jms.Queue queue) {
            return new RowMQQueue(queue.getQueueName());
        }
        if (destination instanceof jakarta.jms.Topic topic) {
            return new RowMQTopic(topic.getTopicName());
        }
        throw new InvalidDestinationException(destination == null ? "Destination must not be null"
                : "Destination " + destination + " is neither a Queue nor a Topic");
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof RowMQDestination d && d.scheme().equals(scheme()) && d.name.equals(name);
    }

    @Override
    public final int hashCode() {
        return scheme().hashCode() * 31 + name.hashCode();
    }

    @Override
    public String toString() {
        return toWireName();
    }
}
