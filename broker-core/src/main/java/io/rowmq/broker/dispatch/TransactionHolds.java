package io.rowmq.broker.dispatch;

import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.MessageRef;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A group's messages acknowledged by transactions that are recorded and not applied yet
 * (docs/decisions.md D16): taken from their consumer, handed to no one else, and then either
 * settled (commit) or given back for redelivery with the attempt counted (roll-back). Runs on
 * its group's serial executor, like the cursors it moves.
 */
final class TransactionHolds {
    /** The consumer id of a held message given back: consumer ids start at 1. */
    private static final long NO_CONSUMER = 0;

    private final long groupId;
    private final String group;
    private final QueueCursor[] cursors;
    private final FailureHandler failures;

    TransactionHolds(long groupId, String group, QueueCursor[] cursors, FailureHandler failures) {
        this.groupId = groupId;
        this.group = group;
        this.cursors = cursors;
        this.failures = failures;
    }

    /**
     * Takes the messages from the consumer for a transaction: all of them, or none when one is
     * not in flight to that consumer (nor waiting for redelivery after its lease ran out).
     *
     * @throws BrokerError TRANSACTION_ROLLED_BACK naming the message that cannot be taken
     */
    List<HeldAck> hold(long consumerId, List<MessageRef> requested) {
        List<MessageRef> refs = List.copyOf(new LinkedHashSet<>(requested));
        for (MessageRef ref : refs) {
            QueueCursor cursor = cursor(ref);
            QueueCursor.InFlight inFlight = cursor.inFlight.get(ref.offset());
            boolean mine = inFlight != null ? inFlight.consumerId() == consumerId
                    : cursor.redeliver.containsKey(ref.offset());
            if (!mine) {
                throw new BrokerError(ErrorCode.TRANSACTION_ROLLED_BACK, group + ": the message at queue "
                        + ref.queueIndex() + " offset " + ref.offset() + " is not held by consumer " + consumerId
                        + " (its lease ran out and it went to another consumer, or it was settled, or another"
                        + " transaction acknowledges it); the transaction is rolled back, receive again");
            }
        }
        List<HeldAck> held = new ArrayList<>(refs.size());
        for (MessageRef ref : refs) {
            QueueCursor cursor = cursor(ref);
            QueueCursor.InFlight inFlight = cursor.inFlight.remove(ref.offset());
            int deliveries = inFlight != null ? inFlight.deliveryCount() : cursor.redeliver.remove(ref.offset());
            cursor.held.put(ref.offset(), deliveries);
            held.add(new HeldAck(groupId, cursor.queue.queueId(), ref.queueIndex(), ref.offset(), deliveries));
        }
        return held;
    }

    /** The transaction committed: its messages are settled. */
    void settle(List<MessageRef> refs) {
        for (MessageRef ref : refs) {
            cursor(ref).settleHeld(ref.offset());
        }
    }

    /** The transaction was never recorded: the messages go back to their consumer as they were. */
    void restore(long consumerId, List<MessageRef> refs) {
        for (MessageRef ref : refs) {
            QueueCursor cursor = cursor(ref);
            Integer deliveries = cursor.held.remove(ref.offset());
            if (deliveries != null) {
                cursor.inFlight.put(ref.offset(), new QueueCursor.InFlight(consumerId, deliveries));
            }
        }
    }

    /**
     * The transaction rolled back: its messages go back for redelivery with this delivery
     * counted as failed, or are parked if it was their last attempt.
     */
    void giveBack(List<MessageRef> requested, String reason) {
        List<MessageRef> refs = new ArrayList<>(requested.size());
        for (MessageRef ref : new LinkedHashSet<>(requested)) {
            QueueCursor cursor = cursor(ref);
            Integer deliveries = cursor.held.remove(ref.offset());
            if (deliveries != null) {
                cursor.inFlight.put(ref.offset(), new QueueCursor.InFlight(NO_CONSUMER, deliveries));
                refs.add(ref);
            }
        }
        try {
            failures.release(refs, reason, true);
        } catch (SQLException | RuntimeException e) {
            failures.giveBack(refs, group + ": roll-back of " + refs.size() + " acknowledged messages", e);
        }
        for (MessageRef ref : refs) {
            cursor(ref).givenBackAhead(ref.offset());
        }
    }

    private QueueCursor cursor(MessageRef ref) {
        if (ref.queueIndex() < 0 || ref.queueIndex() >= cursors.length) {
            throw new BrokerError(ErrorCode.INVALID_REQUEST, group + ": queue index " + ref.queueIndex()
                    + " is out of range 0.." + (cursors.length - 1));
        }
        return cursors[ref.queueIndex()];
    }
}
