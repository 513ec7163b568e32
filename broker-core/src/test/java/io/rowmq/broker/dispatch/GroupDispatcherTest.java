package io.rowmq.broker.dispatch;

import io.rowmq.broker.admin.Topic;
import io.rowmq.broker.store.QueueRef;
import io.rowmq.broker.store.QueueTail;
import io.rowmq.broker.store.TailBudget;
import io.rowmq.broker.store.SerialExecutor;
import io.rowmq.broker.testing.TestClock;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.GroupKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** A dispatcher over an empty queue, run on the calling thread: no database is touched. */
@Timeout(30)
class GroupDispatcherTest {

    @Test
    void aFetchThatReachesTheGroupAfterItClosedFailsInsteadOfWaitingForever() {
        QueueRef queue = new QueueRef(1, 1, "t", 0, "q_1_0", 1);
        Topic topic = new Topic(1, "t", 3, List.of(queue));
        QueueCursor[] cursors = {new QueueCursor(queue, new QueueTail(16, 0, new TailBudget(1 << 20)),
                new GroupLedger.CursorRecord(0, new java.util.ArrayList<>(), Map.of(), Map.of()))};
        GroupDispatcher dispatcher = new GroupDispatcher(new GroupLedger.GroupRow(1, "g", GroupKind.QUEUE), topic,
                new GroupLedger(null, "test", null), null, new SerialExecutor("test", Runnable::run),
                new DispatchSettings("b", 30_000, new TestClock(0)), cursors);
        dispatcher.addConsumer(7).join();

        // The engine looked the consumer up just before the topic was deleted and the group closed.
        dispatcher.close();
        CompletableFuture<List<Delivery>> fetch = dispatcher.fetch(7, 10, 60_000);

        assertThat(fetch).isCompletedExceptionally();
        assertThat(fetch.handle((ok, failure) -> failure)).isCompletedWithValueMatching(
                failure -> failure instanceof BrokerError error && error.code() == ErrorCode.SHUTTING_DOWN);
    }
}
