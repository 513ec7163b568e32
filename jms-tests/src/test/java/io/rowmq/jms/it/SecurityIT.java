package io.rowmq.jms.it;

import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Credentials from the JMS API reach the broker's user check; refusals are JMSSecurityException naming the user. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SecurityIT {

    @Test
    void rightCredentialsConnectAndWrongOnesAreRefusedNamingTheUser() throws JMSException {
        try (JmsBroker broker = JmsBroker.withUsers(true)) {
            try (Connection connection = broker.factory().createConnection("alice", "secret")) {
                connection.createSession(false, Session.AUTO_ACKNOWLEDGE).close();
            }
            try (Connection connection = broker.factory("user=bob&password=hunter2").createConnection()) {
                assertThat(connection.getMetaData().getJMSProviderName()).isEqualTo("RowMQ");
            }
            try (Connection anonymous = broker.factory().createConnection()) {
                assertThat(anonymous.getClientID()).isNull();
            }
            assertThatThrownBy(() -> broker.factory().createConnection("alice", "guess-42"))
                    .isInstanceOf(JMSSecurityException.class).hasMessageContaining("'alice'")
                    .hasMessageNotContaining("guess-42");
            assertThatThrownBy(() -> broker.factory().createConnection("mallory", "x"))
                    .isInstanceOf(JMSSecurityException.class).hasMessageContaining("'mallory'");
            assertThatThrownBy(() -> broker.factory().createContext("alice", "wrong"))
                    .isInstanceOf(JMSSecurityRuntimeException.class);
        }
    }

    @Test
    void anonymousConnectionsAreRefusedWhenTheBrokerSaysSo() throws JMSException {
        try (JmsBroker broker = JmsBroker.withUsers(false)) {
            assertThatThrownBy(() -> broker.factory().createConnection())
                    .isInstanceOf(JMSSecurityException.class).hasMessageContaining("anonymous");
            try (JMSContext context = broker.factory("user=alice&password=secret").createContext()) {
                context.createProducer().send(context.createQueue("secured"), "allowed");
                assertThat(context.createConsumer(context.createQueue("secured")).receiveBody(String.class, 5000))
                        .isEqualTo("allowed");
            }
        }
    }
}
