package io.rowmq.broker.dispatch;

import io.rowmq.broker.store.QueueRef;
import io.rowmq.broker.store.QueueTail;
import io.rowmq.broker.store.TailBudget;
import io.rowmq.protocol.selector.Selector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The bookkeeping of messages that wait for a matching selector, without a database. */
class QueueCursorTest {
    private final QueueRef queue = new QueueRef(1, 1, "t", 0, "q_1_0", 1);
    private final Map<Long, GroupConsumer> consumers = new HashMap<>();

    private QueueCursor cursor(Map<Long, Integer> skipped) {
        return new QueueCursor(queue, new QueueTail(16, 0, new TailBudget(1 << 20)),
                new GroupLedger.CursorRecord(0, new ArrayList<>(), Map.of(), skipped));
    }

    private GroupConsumer consumer(long id, String selector) {
        GroupConsumer consumer = new GroupConsumer(id, selector == null ? null : Selector.parse(selector), 1, 0);
        consumers.put(id, consumer);
        return consumer;
    }

    @Test
    void aConsumerIsNotWokenForMessagesItRejectedButOthersAre() {
        QueueCursor cursor = cursor(Map.of());
        GroupConsumer red = consumer(1, "color = 'red'");
        GroupConsumer blue = consumer(2, "color = 'blue'");
        GroupConsumer any = consumer(3, null);
        cursor.reject(5, 0, red);
        cursor.reject(6, 0, red);

        assertThat(cursor.hasWork(red, 0)).as("rejected everything waiting").isFalse();
        assertThat(cursor.hasWork(blue, 0)).isTrue();
        assertThat(cursor.hasWork(any, 0)).isTrue();

        cursor.reject(5, 0, blue);
        cursor.reject(6, 0, blue);
        cursor.reject(6, 0, blue); // twice is once
        assertThat(cursor.hasWork(blue, 0)).isFalse();
        assertThat(blue.rejected(0)).isEqualTo(2);

        assertThat(cursor.removeUnmatched(5, consumers).priorDeliveries).isZero();
        assertThat(red.rejected(0)).isEqualTo(1);
        assertThat(blue.rejected(0)).isEqualTo(1);
        assertThat(cursor.hasWork(red, 0)).isFalse();
        assertThat(cursor.removeUnmatched(5, consumers)).isNull();
    }

    @Test
    void aClosedConsumerIsForgotten() {
        QueueCursor cursor = cursor(Map.of());
        GroupConsumer red = consumer(1, "color = 'red'");
        cursor.reject(5, 2, red);
        consumers.remove(1L);
        cursor.forgetConsumer(1);
        assertThat(cursor.unmatched.get(5L).rejectedBy).isEmpty();
        assertThat(cursor.unmatched.get(5L).priorDeliveries).isEqualTo(2);
    }

    @Test
    void theCommittedOffsetPassesWaitingMessagesWhichAreThenSavedUntilSettled() {
        QueueCursor cursor = cursor(Map.of());
        GroupConsumer red = consumer(1, "color = 'red'");
        cursor.readAfter = 10;
        cursor.reject(3, 0, red);
        cursor.inFlight.put(7L, new QueueCursor.InFlight(1, 1));

        assertThat(cursor.advanceCommitted()).isTrue();
        assertThat(cursor.committed).as("stops below the message in flight, not the waiting one").isEqualTo(6);
        Map<Long, Integer> toSave = cursor.skippedToSave();
        assertThat(toSave).containsExactly(Map.entry(3L, 0));
        cursor.persistedCommitted = cursor.committed;
        cursor.skippedCommitted(toSave.keySet(), List.of());
        assertThat(cursor.skippedToSave()).isEmpty();

        // Another consumer takes it: in flight below the committed offset, its row stays until it is settled.
        cursor.removeUnmatched(3, consumers);
        cursor.inFlight.put(3L, new QueueCursor.InFlight(2, 1));
        cursor.inFlight.remove(7L);
        assertThat(cursor.advanceCommitted()).isTrue();
        assertThat(cursor.committed).as("a message in flight below the offset holds nothing back").isEqualTo(10);
        assertThat(cursor.skippedToSave()).isEmpty();
        assertThat(cursor.needsPersist()).isTrue();

        cursor.inFlight.remove(3L);
        cursor.settle(3);
        assertThat(cursor.skippedSettled()).containsExactly(3L);
        cursor.skippedCommitted(Set.of(), List.of(3L));
        cursor.persistedCommitted = cursor.committed;
        assertThat(cursor.needsPersist()).isFalse();
        cursor.settle(3);
        assertThat(cursor.skippedSettled()).as("settled once").isEmpty();
    }

    @Test
    void aMessageTakenBeforeTheCommitIsSavedAsInFlight() {
        QueueCursor cursor = cursor(Map.of());
        GroupConsumer red = consumer(1, "color = 'red'");
        cursor.readAfter = 4;
        cursor.reject(2, 0, red);
        cursor.advanceCommitted();
        cursor.removeUnmatched(2, consumers);
        cursor.inFlight.put(2L, new QueueCursor.InFlight(3, 1));
        assertThat(cursor.skippedToSave()).as("a crash must not lose it").containsExactly(Map.entry(2L, 1));
    }

    @Test
    void skippedRowsComeBackAsWaitingMessagesForEveryone() {
        QueueCursor cursor = cursor(Map.of(4L, 1, 9L, 0));
        GroupConsumer red = consumer(1, "color = 'red'");
        assertThat(cursor.unmatched).containsOnlyKeys(4L, 9L);
        assertThat(cursor.hasWork(red, 0)).isTrue();
        assertThat(cursor.skippedToSave()).isEmpty();
        cursor.settle(4);
        assertThat(cursor.skippedSettled()).containsExactly(4L);
    }
}
