package io.rowmq.broker.admin;

import io.rowmq.broker.store.Database;
import io.rowmq.broker.store.QueueLocator;
import io.rowmq.broker.store.QueueRef;
import io.rowmq.broker.store.SqlResource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The databases that hold queue tables: the admin database itself (node {@code local}) and any
 * data nodes the broker was started with, registered in {@code data_node}. New topics spread
 * their queues over all of them in turn; every piece of code that touches a queue table asks
 * here for the queue's database.
 */
public final class DataNodes implements QueueLocator, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DataNodes.class.getName());

    private final Map<Integer, DataSource> sources;
    private final List<Integer> placement;
    private final int localId;
    private final List<AutoCloseable> pools;

    private DataNodes(Map<Integer, DataSource> sources, List<Integer> placement, int localId,
                      List<AutoCloseable> pools) {
        this.sources = sources;
        this.placement = List.copyOf(placement);
        this.localId = localId;
        this.pools = pools;
    }

    /** Only the admin database hosts queues. */
    public static DataNodes localOnly(DataSource admin) {
        return open(admin, List.of(), 4, 5000);
    }

    /** Registers the nodes in the admin schema, opens a pool to each and creates its node tables. */
    public static DataNodes open(DataSource admin, List<DataNodeSpec> nodes, int poolSize, long timeoutMs) {
        Map<Integer, DataSource> sources = new LinkedHashMap<>();
        List<Integer> placement = new ArrayList<>();
        List<AutoCloseable> pools = new ArrayList<>();
        try {
            int localId = register(admin, "local", null);
            sources.put(localId, admin);
            placement.add(localId);
            for (DataNodeSpec node : nodes) {
                int id = register(admin, node.name(), node.jdbcUrl());
                var pool = Database.pool("rowmq-node-" + node.name(), node.jdbcUrl(), node.user(), node.password(),
                        poolSize, timeoutMs);
                pools.add(pool);
                createNodeTables(pool, node.name());
                sources.put(id, pool);
                placement.add(id);
                LOG.info(() -> "Data node '" + node.name() + "' (" + node.jdbcUrl() + ") hosts queue tables");
            }
            return new DataNodes(sources, placement, localId, pools);
        } catch (SQLException | RuntimeException e) {
            pools.forEach(DataNodes::closeQuietly);
            throw new IllegalStateException("Could not open the data nodes: " + e.getMessage()
                    + "; check each --data-node URL and that its database exists", e);
        }
    }

    /** The node to put queue {@code index} of a new topic on: all nodes in turn. */
    public int nodeForQueue(int index) {
        return placement.get(index % placement.size());
    }

    @Override
    public DataSource of(QueueRef queue) {
        return of(queue.dataNodeId());
    }

    public DataSource of(int nodeId) {
        DataSource source = sources.get(nodeId);
        if (source == null) {
            throw new IllegalStateException("Data node " + nodeId + " hosts queue tables but this broker was not"
                    + " started with it: add --data-node NAME=JDBC_URL for it (see SELECT * FROM data_node)");
        }
        return source;
    }

    @Override
    public boolean inAdminDatabase(QueueRef queue) {
        return queue.dataNodeId() == localId;
    }

    private static int register(DataSource admin, String name, String jdbcUrl) throws SQLException {
        try (Connection connection = admin.getConnection()) {
            if (jdbcUrl != null) {
                try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO data_node (name, jdbc_url)"
                        + " VALUES (?, ?) ON DUPLICATE KEY UPDATE jdbc_url = VALUES(jdbc_url)")) {
                    upsert.setString(1, name);
                    upsert.setString(2, jdbcUrl);
                    upsert.executeUpdate();
                }
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM data_node WHERE name = ?")) {
                select.setString(1, name);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new SQLException("data_node '" + name + "' is missing from the admin schema");
                    }
                    return row.getInt(1);
                }
            }
        }
    }

    private static void createNodeTables(DataSource node, String name) throws SQLException {
        try (Connection connection = node.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(SqlResource.load("rowmq/node-tables.sql"));
        } catch (SQLException e) {
            throw new SQLException("Data node '" + name + "': " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
        }
    }

    private static void closeQuietly(AutoCloseable pool) {
        try {
            pool.close();
        } catch (Exception e) {
            LOG.warning(() -> "Closing a data node pool failed: " + e);
        }
    }

    /** Closes the pools of the extra nodes; the admin pool belongs to the caller. */
    @Override
    public void close() {
        pools.forEach(DataNodes::closeQuietly);
    }
}
