package io.rowmq.jms;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerUrlTest {

    @Test
    void parsesHostsPortsAndOptions() {
        BrokerUrl url = BrokerUrl.parse("rowmq://a:1,b?user=u&password=p%26q&clientId=c&prefetch=10");
        assertThat(url.addresses()).containsExactly(new BrokerUrl.Address("a", 1),
                new BrokerUrl.Address("b", BrokerUrl.DEFAULT_PORT));
        assertThat(url.option("user")).isEqualTo("u");
        assertThat(url.option("password")).isEqualTo("p&q");
        assertThat(url.option("clientId")).isEqualTo("c");
        assertThat(url.intOption("prefetch", 100, 1)).isEqualTo(10);
        assertThat(url.intOption("requestTimeoutMs", 30_000, 1)).isEqualTo(30_000);
        assertThat(url.toString()).contains("password=***").doesNotContain("p&q");
    }

    @Test
    void rejectsWhatCannotWorkNamingThePart() {
        assertThatThrownBy(() -> BrokerUrl.parse("tcp://a:1")).hasMessageContaining("rowmq://");
        assertThatThrownBy(() -> BrokerUrl.parse("rowmq://a:99999")).hasMessageContaining("a:99999");
        assertThatThrownBy(() -> BrokerUrl.parse("rowmq://a:1?colour=red")).hasMessageContaining("colour");
        assertThatThrownBy(() -> BrokerUrl.parse("rowmq://a:1?prefetch=0")).hasMessageContaining("prefetch=0");
        assertThatThrownBy(() -> BrokerUrl.parse("rowmq://a:1,?x")).hasMessageContaining("empty host");
        assertThatThrownBy(() -> BrokerUrl.parse("rowmq://a:1?password=secret&bad=1"))
                .hasMessageNotContaining("secret");
    }

    @Test
    void destinationsRoundTripTheirWireNamesAndKeepNamespacesApart() throws Exception {
        RowMQQueue queue = new RowMQQueue("orders");
        RowMQTopic topic = new RowMQTopic("orders");
        assertThat(queue).isNotEqualTo(topic);
        assertThat(queue.brokerTopic()).isNotEqualTo(topic.brokerTopic());
        assertThat(RowMQDestination.fromWireName(queue.toWireName())).isEqualTo(queue);
        assertThat(RowMQDestination.fromWireName(topic.toWireName())).isEqualTo(topic);
        RowMQTemporaryQueue temporary = new RowMQTemporaryQueue("t1", null);
        assertThat(RowMQDestination.fromWireName(temporary.toWireName())).isEqualTo(temporary);
        assertThatThrownBy(temporary::delete).isInstanceOf(jakarta.jms.IllegalStateException.class);
        assertThatThrownBy(() -> RowMQDestination.fromWireName("x://y")).hasMessageContaining("unknown scheme");
        assertThatThrownBy(() -> DestinationNames.check("topic:x", "queue"))
                .isInstanceOf(jakarta.jms.InvalidDestinationException.class);
        assertThatThrownBy(() -> DestinationNames.check("has space", "topic"))
                .isInstanceOf(jakarta.jms.InvalidDestinationException.class);
    }

    @Test
    void connectionFactoryRejectsABadUrlAndSurvivesSerialization() throws Exception {
        assertThatThrownBy(() -> new RowMQConnectionFactory("nonsense")).isInstanceOf(IllegalArgumentException.class);
        RowMQConnectionFactory factory = new RowMQConnectionFactory("rowmq://h:1?clientId=x");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(factory);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(((RowMQConnectionFactory) in.readObject()).getBrokerURL()).isEqualTo("rowmq://h:1?clientId=x");
        }
    }
}
