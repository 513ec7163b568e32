package io.rowmq.broker.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerAddressTest {

    @Test
    void parsesOneOrSeveralBrokers() {
        assertThat(BrokerAddress.parseUrl("rowmq://127.0.0.1:7600")).containsExactly(new BrokerAddress("127.0.0.1", 7600));
        assertThat(BrokerAddress.parseUrl("rowmq://a:1,b:2/"))
                .containsExactly(new BrokerAddress("a", 1), new BrokerAddress("b", 2));
        assertThat(BrokerAddress.parseUrl("broker1")).containsExactly(new BrokerAddress("broker1", 7600));
        assertThat(BrokerAddress.parseUrl("rowmq://[::1]:7601")).containsExactly(new BrokerAddress("::1", 7601));
        assertThat(new BrokerAddress("::1", 7601)).hasToString("rowmq://[::1]:7601");
    }

    @Test
    void rejectsBadUrlsNamingThem() {
        assertThatThrownBy(() -> BrokerAddress.parseUrl("rowmq://host:http"))
                .hasMessage("--broker has a bad port in 'rowmq://host:http' (expected 1..65535)");
        assertThatThrownBy(() -> BrokerAddress.parseUrl("rowmq://:7600"))
                .hasMessage("--broker must look like rowmq://host:port, was 'rowmq://:7600'");
    }
}
