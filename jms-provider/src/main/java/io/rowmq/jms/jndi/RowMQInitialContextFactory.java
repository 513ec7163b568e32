package io.rowmq.jms.jndi;

import io.rowmq.jms.RowMQConnectionFactory;
import io.rowmq.jms.RowMQQueue;
import io.rowmq.jms.RowMQTopic;
import io.rowmq.jms.RowMQXAConnectionFactory;

import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;

/**
 * {@code java.naming.factory.initial=io.rowmq.jms.jndi.RowMQInitialContextFactory}. From the
 * environment: {@code java.naming.provider.url} is the default broker URL;
 * {@code connectionFactory.NAME=URL} (empty: the provider URL) binds a connection factory,
 * {@code xaConnectionFactory.NAME=URL} an XA connection factory;
 * {@code queue.NAME=physical} and {@code topic.NAME=physical} bind destinations. Without any
 * {@code connectionFactory.} entry, {@code ConnectionFactory}, {@code QueueConnectionFactory}
 * and {@code TopicConnectionFactory} are bound to the provider URL. {@code dynamicQueues/NAME}
 * and {@code dynamicTopics/NAME} look up a destination that is not bound.
 */
public class RowMQInitialContextFactory implements InitialContextFactory {
    public static final String CONNECTION_FACTORY_PREFIX = "connectionFactory.";
    public static final String XA_CONNECTION_FACTORY_PREFIX = "xaConnectionFactory.";
    public static final String QUEUE_PREFIX = "queue.";
    public static final String TOPIC_PREFIX = "topic.";

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        Hashtable<Object, Object> env = new Hashtable<>();
        if (environment != null) {
            env.putAll(environment);
        }
        Object provider = env.get(Context.PROVIDER_URL);
        String providerUrl = provider == null || provider.toString().isBlank()
                ? RowMQConnectionFactory.DEFAULT_URL : provider.toString().trim();
        Map<String, Object> bindings = new HashMap<>();
        boolean anyFactory = false;
        for (Map.Entry<Object, Object> entry : env.entrySet()) {
            String key = String.valueOf(entry.getKey());
            String value = entry.getValue() == null ? "" : entry.getValue().toString().trim();
            if (key.startsWith(XA_CONNECTION_FACTORY_PREFIX)) {
                String url = value.isEmpty() ? providerUrl : value;
                bindings.put(name(key, XA_CONNECTION_FACTORY_PREFIX), xaFactory(key, url));
                anyFactory = true;
            } else if (key.startsWith(CONNECTION_FACTORY_PREFIX)) {
                bindings.put(name(key, CONNECTION_FACTORY_PREFIX), factory(key, value.isEmpty() ? providerUrl : value));
                anyFactory = true;
            } else if (key.startsWith(QUEUE_PREFIX)) {
                String name = name(key, QUEUE_PREFIX);
                bindings.put(name, new RowMQQueue(value.isEmpty() ? name : value));
            } else if (key.startsWith(TOPIC_PREFIX)) {
                String name = name(key, TOPIC_PREFIX);
                bindings.put(name, new RowMQTopic(value.isEmpty() ? name : value));
            }
        }
        if (!anyFactory) {
            for (String name : new String[]{"ConnectionFactory", "QueueConnectionFactory", "TopicConnectionFactory"}) {
                bindings.put(name, factory(Context.PROVIDER_URL, providerUrl));
            }
        }
        return new ReadOnlyContext(env, bindings);
    }

    private static String name(String key, String prefix) throws ConfigurationException {
        String name = key.substring(prefix.length());
        if (name.isEmpty()) {
            throw new ConfigurationException("JNDI property '" + key + "' has no name after the prefix " + prefix);
        }
        return name;
    }

    private static RowMQXAConnectionFactory xaFactory(String key, String url) throws ConfigurationException {
        try {
            return new RowMQXAConnectionFactory(url);
        } catch (IllegalArgumentException e) {
            ConfigurationException error = new ConfigurationException("JNDI property '" + key + "': " + e.getMessage());
            error.setRootCause(e);
            throw error;
        }
    }

    private static RowMQConnectionFactory factory(String key, String url) throws ConfigurationException {
        try {
            return new RowMQConnectionFactory(url);
        } catch (IllegalArgumentException e) {
            ConfigurationException error = new ConfigurationException("JNDI property '" + key + "': " + e.getMessage());
            error.setRootCause(e);
            throw error;
        }
    }
}
