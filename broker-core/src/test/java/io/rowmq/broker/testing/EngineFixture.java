package io.rowmq.broker.testing;

import io.rowmq.broker.EngineSettings;
import io.rowmq.broker.MySqlBrokerEngine;
import io.rowmq.broker.store.Database;

import java.util.ArrayList;
import java.util.List;

/**
 * A real engine on a fresh database of the shared MariaDB, with a hand-moved clock. Engines
 * can be stopped and started again on the same database to test restarts.
 */
public final class EngineFixture implements AutoCloseable {
    private final TestDatabase database = TestDatabase.create();
    private final Database pool = Database.open(database.jdbcUrl(), database.user(), database.password(), 16, 3000);
    private final List<MySqlBrokerEngine> engines = new ArrayList<>();
    public final TestClock clock = TestClock.startingNow();

    public MySqlBrokerEngine start() {
        return start(EngineSettings.DEFAULT_LEASE_MS);
    }

    public MySqlBrokerEngine start(long leaseMs) {
        return start(new EngineSettings("test-broker", 2, EngineSettings.DEFAULT_MAX_ATTEMPTS, leaseMs, 3000, true,
                clock));
    }

    public MySqlBrokerEngine start(EngineSettings settings) {
        MySqlBrokerEngine engine = MySqlBrokerEngine.open(pool.dataSource(), settings);
        engines.add(engine);
        return engine;
    }

    public TestDatabase database() {
        return database;
    }

    @Override
    public void close() {
        engines.forEach(MySqlBrokerEngine::close);
        pool.close();
        database.close();
    }
}
