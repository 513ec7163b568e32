package io.rowmq.broker;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QueueWritersTest {

    @Test
    void aProducerAlwaysSticksToTheSameQueue() {
        for (long producerId : new long[] {1, 2, -7, Long.MAX_VALUE, Long.MIN_VALUE, 0x5EED_0001L}) {
            int queue = QueueWriters.stickyQueue(producerId, 4);
            assertThat(queue).isBetween(0, 3);
            assertThat(QueueWriters.stickyQueue(producerId, 4)).isEqualTo(queue);
        }
        assertThat(QueueWriters.stickyQueue(42, 1)).isZero();
    }

    @Test
    void producerIdsInSequenceSpreadEvenlyOverTheQueues() {
        Map<Integer, Integer> perQueue = new HashMap<>();
        for (long producerId = 1; producerId <= 4_000; producerId++) {
            perQueue.merge(QueueWriters.stickyQueue(producerId, 4), 1, Integer::sum);
        }
        assertThat(perQueue).containsOnlyKeys(0, 1, 2, 3);
        assertThat(perQueue.values()).allSatisfy(count -> assertThat(count).isBetween(850, 1150));
    }
}
