package io.rowmq.jms.jndi;

import io.rowmq.jms.RowMQConnectionFactory;
import io.rowmq.jms.RowMQQueue;
import io.rowmq.jms.RowMQTopic;
import org.junit.jupiter.api.Test;

import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.OperationNotSupportedException;
import javax.naming.Reference;
import java.util.Hashtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowMQInitialContextFactoryTest {

    private static Context context(String... pairs) throws Exception {
        Hashtable<String, String> env = new Hashtable<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return new RowMQInitialContextFactory().getInitialContext(env);
    }

    @Test
    void bindsFactoriesQueuesAndTopicsFromTheEnvironment() throws Exception {
        Context context = context(Context.PROVIDER_URL, "rowmq://broker:7601",
                "connectionFactory.Default", "", "connectionFactory.Durable", "rowmq://other:1?clientId=cts",
                "queue.MY_QUEUE", "orders", "topic.MY_TOPIC", "prices", "xaConnectionFactory.XA", "");
        assertThat(context.lookup("XA")).isInstanceOf(io.rowmq.jms.RowMQXAConnectionFactory.class);
        assertThat(((RowMQConnectionFactory) context.lookup("Default")).getBrokerURL())
                .isEqualTo("rowmq://broker:7601");
        assertThat(((RowMQConnectionFactory) context.lookup("Durable")).getBrokerURL())
                .isEqualTo("rowmq://other:1?clientId=cts");
        assertThat(context.lookup("MY_QUEUE")).isEqualTo(new RowMQQueue("orders"));
        assertThat(context.lookup("MY_TOPIC")).isEqualTo(new RowMQTopic("prices"));
        assertThat(context.lookup("dynamicQueues/any")).isEqualTo(new RowMQQueue("any"));
        assertThat(context.lookup("dynamicTopics/any")).isEqualTo(new RowMQTopic("any"));
        assertThatThrownBy(() -> context.lookup("missing")).isInstanceOf(NameNotFoundException.class);
        assertThatThrownBy(() -> context.bind("x", "y")).isInstanceOf(OperationNotSupportedException.class);
    }

    @Test
    void defaultFactoriesUseTheProviderUrlOrTheDefault() throws Exception {
        Context context = context();
        assertThat(((RowMQConnectionFactory) context.lookup("ConnectionFactory")).getBrokerURL())
                .isEqualTo(RowMQConnectionFactory.DEFAULT_URL);
        assertThat(context.lookup("QueueConnectionFactory")).isInstanceOf(RowMQConnectionFactory.class);
    }

    @Test
    void aBadUrlIsAConfigurationErrorNamingTheProperty() {
        assertThatThrownBy(() -> context("connectionFactory.Bad", "http://x"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("connectionFactory.Bad");
    }

    @Test
    void aBoundFactoryIsRebuiltFromItsReference() throws Exception {
        RowMQConnectionFactory factory = new RowMQConnectionFactory("rowmq://h:2");
        factory.setClientID("c");
        factory.setUser("u");
        Reference reference = factory.getReference();
        RowMQConnectionFactory rebuilt = (RowMQConnectionFactory) new RowMQObjectFactory()
                .getObjectInstance(reference, null, null, null);
        assertThat(rebuilt.getBrokerURL()).isEqualTo("rowmq://h:2");
        assertThat(rebuilt.getClientID()).isEqualTo("c");
        assertThat(rebuilt.getUser()).isEqualTo("u");
    }
}
