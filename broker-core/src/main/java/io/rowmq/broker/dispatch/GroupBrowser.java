package io.rowmq.broker.dispatch;

import io.rowmq.broker.admin.Topic;
import io.rowmq.broker.store.QueueLocator;
import io.rowmq.broker.store.QueueRef;
import io.rowmq.broker.store.QueueTable;
import io.rowmq.broker.store.QueueTail;
import io.rowmq.broker.store.StoredMessage;
import io.rowmq.protocol.BrowseCursor;
import io.rowmq.protocol.BrowsePage;
import io.rowmq.protocol.Delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads one page of a browse: the messages of each queue, in queue then offset order, that the
 * group would still deliver according to its {@link QueueSnapshot}s, skipping expired and not
 * yet due ones. Reads queue tables only: it claims, settles and moves nothing.
 */
final class GroupBrowser {
    /** Rows looked at per page at most, so a long run of settled or expired rows cannot hold a thread. */
    static final int MAX_SCANNED_ROWS = 10_000;
    private static final int MAX_READ = 1_000;

    private final QueueLocator tables;
    private final Function<QueueRef, QueueTail> tails;
    private final Clock clock;

    GroupBrowser(QueueLocator tables, Function<QueueRef, QueueTail> tails, Clock clock) {
        this.tables = tables;
        this.tails = tails;
        this.clock = clock;
    }

    /** One page of at most {@code max} messages (and about 4 MiB of records; at least one message). */
    BrowsePage page(Topic topic, QueueSnapshot[] snapshots, BrowseCursor from, int max) throws SQLException {
        long now = clock.millis();
        Page page = new Page(max, from);
        boolean exhausted = true;
        for (QueueRef queue : topic.queues()) {
            QueueSnapshot snapshot = snapshots[queue.index()];
            long high = tails.apply(queue).high();
            long start = Math.max(snapshot.browseStart(), from.lastSeen(queue.index()).orElse(snapshot.browseStart()));
            long reached = page.full() ? start : browseQueue(queue, snapshot, start, high, now, page);
            if (reached < high) {
                exhausted = false;
            }
        }
        return new BrowsePage(page.deliveries, page.next, exhausted);
    }

    /** Adds the queue's pending messages after {@code start} to the page; returns the last offset looked at. */
    private long browseQueue(QueueRef queue, QueueSnapshot snapshot, long start, long high, long now, Page page)
            throws SQLException {
        long position = start;
        try (Connection connection = tables.of(queue).getConnection()) {
            while (position < high && !page.full()) {
                int limit = Math.min(MAX_READ, Math.max(page.room(), 100));
                List<StoredMessage> rows = QueueTable.readRange(connection, queue.tableName(), position, high, limit);
                if (rows.isEmpty()) {
                    position = high;
                    break;
                }
                for (StoredMessage row : rows) {
                    if (page.full()) {
                        break;
                    }
                    position = row.offset();
                    page.scanned++;
                    if (snapshot.pending(row.offset()) && !row.expiredAt(now) && row.dueAt(now)) {
                        page.add(new Delivery(queue.index(), row.offset(), snapshot.nextDeliveryCount(row.offset()),
                                row.payload()));
                    }
                }
            }
        }
        if (position > start) {
            page.next = page.next.with(queue.index(), position);
        }
        return position;
    }

    /** The page being gathered and its limits. */
    private static final class Page {
        final List<Delivery> deliveries = new ArrayList<>();
        final int max;
        BrowseCursor next;
        long bytesLeft = FetchCollector.MAX_FETCH_BYTES;
        int scanned;

        Page(int max, BrowseCursor from) {
            this.max = max;
            this.next = from;
        }

        void add(Delivery delivery) {
            deliveries.add(delivery);
            bytesLeft -= delivery.record().length;
        }

        int room() {
            return max - deliveries.size();
        }

        boolean full() {
            return deliveries.size() >= max || bytesLeft <= 0 || scanned >= MAX_SCANNED_ROWS;
        }
    }
}
