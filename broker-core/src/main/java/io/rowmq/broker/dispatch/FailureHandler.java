package io.rowmq.broker.dispatch;

import io.rowmq.broker.admin.Topic;
import io.rowmq.protocol.MessageRef;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What happens to messages given back unsettled: each failed delivery is remembered with its
 * count and reason, and a message whose last allowed attempt failed is parked as a dead letter.
 * The database is written first; memory changes only once it succeeded.
 */
final class FailureHandler {
    private static final Logger LOG = Logger.getLogger(FailureHandler.class.getName());

    private final GroupLedger.GroupRow group;
    private final Topic topic;
    private final GroupLedger ledger;
    private final QueueCursor[] cursors;

    FailureHandler(GroupLedger.GroupRow group, Topic topic, GroupLedger ledger, QueueCursor[] cursors) {
        this.group = group;
        this.topic = topic;
        this.ledger = ledger;
        this.cursors = cursors;
    }

    /**
     * Gives back messages in flight. With {@code countAttempt} the delivery counts as failed;
     * without it (a message the application never saw) the next delivery keeps its count.
     */
    void release(List<MessageRef> requested, String reason, boolean countAttempt) throws SQLException {
        if (requested.isEmpty()) {
            return;
        }
        List<MessageRef> refs = List.copyOf(new LinkedHashSet<>(requested)); // a message named twice goes back once
        List<GroupLedger.Attempt> attempts = new ArrayList<>();
        List<GroupLedger.Parked> parked = new ArrayList<>();
        for (MessageRef ref : refs) {
            QueueCursor cursor = cursors[ref.queueIndex()];
            QueueCursor.InFlight inFlight = cursor.inFlight.get(ref.offset());
            if (countAttempt && inFlight.deliveryCount() >= topic.maxAttempts()) {
                parked.add(new GroupLedger.Parked(cursor.queue, ref.offset(), inFlight.deliveryCount(), reason));
            } else if (countAttempt) {
                attempts.add(new GroupLedger.Attempt(cursor.queue.queueId(), ref.offset(), inFlight.deliveryCount(),
                        reason));
            }
        }
        if (!attempts.isEmpty() || !parked.isEmpty()) {
            ledger.recordFailures(group.id(), topic.name(), group.name(), attempts, parked);
        }
        for (MessageRef ref : refs) {
            QueueCursor cursor = cursors[ref.queueIndex()];
            QueueCursor.InFlight inFlight = cursor.inFlight.remove(ref.offset());
            boolean isParked = countAttempt && inFlight.deliveryCount() >= topic.maxAttempts();
            if (isParked) {
                cursor.settle(ref.offset());
            } else {
                cursor.redeliver.put(ref.offset(), countAttempt ? inFlight.deliveryCount() : inFlight.deliveryCount() - 1);
            }
        }
        for (GroupLedger.Parked message : parked) {
            LOG.warning(() -> "Topic '" + topic.name() + "' group '" + group.name() + "': the message at queue "
                    + message.queue().index() + " offset " + message.offset() + " failed " + message.attempts()
                    + " times and was parked as a dead letter (last reason: " + message.reason()
                    + "); inspect it with SELECT * FROM dead_letter WHERE group_id = " + group.id());
        }
    }

    /**
     * Gives back messages in flight when {@link #release} could not record their failed delivery:
     * in memory only, so they are redelivered at once with the delivery counted; one at its last
     * attempt gets one more instead of being parked, since parking needs the database.
     */
    void giveBack(List<MessageRef> refs, String what, Exception cause) {
        int given = 0;
        for (MessageRef ref : refs) {
            QueueCursor cursor = cursors[ref.queueIndex()];
            QueueCursor.InFlight inFlight = cursor.inFlight.remove(ref.offset());
            if (inFlight != null) {
                cursor.redeliver.put(ref.offset(), inFlight.deliveryCount());
                given++;
            }
        }
        int count = given;
        LOG.log(Level.WARNING, cause, () -> what + " could not be recorded (" + cause.getMessage() + "); " + count
                + " messages are redelivered without a record of the failed attempt");
    }
}
