package io.rowmq.broker.store;

import javax.sql.DataSource;

/** Where each queue's table lives: the admin database or another data node. */
public interface QueueLocator {

    /** The database holding the queue's table. */
    DataSource of(QueueRef queue);

    /** True when the queue's table is in the admin database, so one statement may join both. */
    boolean inAdminDatabase(QueueRef queue);
}
