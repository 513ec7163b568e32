package io.rowmq.broker.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QueueTailTest {

    @Test
    void servesCommittedMessagesAboveAPositionAndNothingPastTheHighWaterMark() {
        QueueTail tail = new QueueTail(8, 0, new TailBudget(1 << 20));
        publish(tail, 1, 2, 3);
        assertThat(offsets(tail.readAfter(0, 10))).containsExactly(1L, 2L, 3L);
        assertThat(offsets(tail.readAfter(1, 1))).containsExactly(2L);
        assertThat(tail.readAfter(3, 10)).isEmpty();
        assertThat(tail.high()).isEqualTo(3);
    }

    @Test
    void gapsLeftByRolledBackIdsDoNotHideTheNextMessage() {
        QueueTail tail = new QueueTail(8, 0, new TailBudget(1 << 20));
        publish(tail, 1, 2, 5, 9);
        assertThat(offsets(tail.readAfter(2, 10))).containsExactly(5L, 9L);
        assertThat(offsets(tail.readAfter(3, 10))).containsExactly(5L, 9L);
        assertThat(offsets(tail.readAfter(6, 10))).containsExactly(9L);
    }

    @Test
    void aPositionOlderThanTheRingIsNotAnsweredFromMemory() {
        QueueTail tail = new QueueTail(4, 100, new TailBudget(1 << 20));
        publish(tail, 101, 102, 103, 104, 105, 106);
        assertThat(tail.readAfter(100, 10)).as("101 and 102 fell out of the ring").isNull();
        assertThat(offsets(tail.readAfter(102, 10))).containsExactly(103L, 104L, 105L, 106L);
    }

    @Test
    void aStartPositionBelowWhatTheTailEverHeldGoesToTheTable() {
        QueueTail tail = new QueueTail(8, 50, new TailBudget(1 << 20));
        publish(tail, 51, 52);
        assertThat(tail.readAfter(10, 10)).as("offsets 11..50 were committed before the tail existed").isNull();
    }

    @Test
    void theSharedBudgetBoundsCachedBytesAndIsGivenBackOnOverwriteAndClear() {
        TailBudget budget = new TailBudget(300);
        QueueTail tail = new QueueTail(2, 0, budget);
        publish(tail, 1, 2);
        assertThat(budget.used()).isEqualTo(200);
        publish(tail, 3);
        assertThat(budget.used()).as("3 replaced 1 in the two-slot ring").isEqualTo(200);

        QueueTail other = new QueueTail(8, 0, budget);
        publish(other, 1, 2);
        assertThat(budget.used()).as("the second queue's commit did not fit").isEqualTo(200);
        assertThat(other.readAfter(0, 10)).as("not cached, so read from the table").isNull();
        assertThat(other.high()).isEqualTo(2);

        tail.clear();
        assertThat(budget.used()).isZero();
    }

    @Test
    void aCommitLargerThanTheRingCachesOnlyWhatFits() {
        TailBudget budget = new TailBudget(1 << 20);
        QueueTail tail = new QueueTail(4, 0, budget);
        publish(tail, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(budget.used()).isEqualTo(400);
        assertThat(offsets(tail.readAfter(6, 10))).containsExactly(7L, 8L, 9L, 10L);
    }

    @Test
    void rowsCommittedWithoutBeingPublishedAreReadFromTheTableNotSkipped() {
        QueueTail tail = new QueueTail(8, 0, new TailBudget(1 << 20));
        publish(tail, 1, 2, 3);
        tail.advanceTo(6);
        publish(tail, 7);
        assertThat(tail.high()).isEqualTo(7);
        assertThat(tail.readAfter(3, 10)).as("4..6 are only in the table").isNull();
        assertThat(offsets(tail.readAfter(6, 10))).containsExactly(7L);
    }

    @Test
    void aFailingListenerDoesNotFailThePublishOrHideMessagesFromTheOthers() {
        QueueTail tail = new QueueTail(8, 0, new TailBudget(1 << 20));
        int[] told = new int[1];
        tail.addListener(() -> {
            throw new java.util.concurrent.RejectedExecutionException("group executor stopped");
        });
        tail.addListener(() -> told[0]++);
        publish(tail, 1);
        assertThat(told[0]).isEqualTo(1);
        assertThat(offsets(tail.readAfter(0, 10))).containsExactly(1L);
    }

    private static void publish(QueueTail tail, long... offsets) {
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < offsets.length; i++) {
            payloads.add(new byte[100]);
        }
        tail.publish(offsets, payloads, new long[offsets.length], new long[offsets.length]);
    }

    private static List<Long> offsets(List<StoredMessage> messages) {
        return messages.stream().map(StoredMessage::offset).toList();
    }
}
