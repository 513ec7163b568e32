package io.rowmq.broker.net;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProduceBudgetTest {

    @Test
    void aConnectionThatPassesTheLimitIsNotReadUntilHalfTheLimitIsHeld() {
        ProduceBudget budget = new ProduceBudget(100);
        EmbeddedChannel first = new EmbeddedChannel();
        EmbeddedChannel second = new EmbeddedChannel();

        budget.take(first, 60);
        assertThat(first.config().isAutoRead()).isTrue();
        budget.take(second, 50);
        assertThat(second.config().isAutoRead()).isFalse();
        assertThat(first.config().isAutoRead()).as("only the connection that brought more stops").isTrue();
        budget.take(first, 10);
        assertThat(first.config().isAutoRead()).isFalse();

        budget.give(60);
        assertThat(budget.held()).isEqualTo(60);
        assertThat(first.config().isAutoRead()).isFalse();
        assertThat(second.config().isAutoRead()).isFalse();
        budget.give(10);
        assertThat(first.config().isAutoRead()).isTrue();
        assertThat(second.config().isAutoRead()).isTrue();
        assertThat(budget.held()).isEqualTo(50);
    }

    @Test
    void aLimitBelowOneByteIsRefused() {
        assertThatThrownBy(() -> new ProduceBudget(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 byte, was 0");
    }
}
