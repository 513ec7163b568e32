package io.rowmq.broker.admin;

import io.rowmq.broker.store.QueueRef;
import io.rowmq.broker.store.QueueTable;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.ErrorCode;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * Creates, finds and deletes topics and their queue tables. Topics are cached after the first
 * look-up; the admin schema stays the source of truth.
 */
public final class TopicCatalog {
    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9._\\-:/$#]{1,249}");

    private final DataSource dataSource;
    private final ConcurrentMap<String, Topic> cache = new ConcurrentHashMap<>();
    private final long segmentSize;
    private final DataNodes nodes;

    public TopicCatalog(DataSource dataSource, long segmentSize, DataNodes nodes) {
        this.dataSource = dataSource;
        this.segmentSize = segmentSize;
        this.nodes = nodes;
    }

    public static void validateName(String name) {
        if (name == null || !VALID_NAME.matcher(name).matches()) {
            throw new BrokerError(ErrorCode.INVALID_REQUEST, "Invalid topic name '" + name
                    + "': use 1 to 249 of the characters A-Z a-z 0-9 . _ - : / $ #");
        }
    }

    /** Creates the topic and one table per queue; TOPIC_EXISTS if the name is taken. */
    public Topic create(String name, int queueCount, int maxAttempts) throws SQLException {
        return create(name, queueCount, maxAttempts, null);
    }

    /**
     * Creates the topic and one table per queue; TOPIC_EXISTS if the name is taken.
     *
     * @param owner the connection a temporary topic belongs to, or null for an ordinary topic
     */
    public Topic create(String name, int queueCount, int maxAttempts, TopicOwner owner) throws SQLException {
        validateName(name);
        if (queueCount < 1 || queueCount > 1024) {
            throw new BrokerError(ErrorCode.INVALID_REQUEST, "Topic '" + name + "': queue count must be 1..1024, was "
                    + queueCount);
        }
        if (maxAttempts < 1 || maxAttempts > 1000) {
            throw new BrokerError(ErrorCode.INVALID_REQUEST, "Topic '" + name + "': max attempts must be 1..1000, was "
                    + maxAttempts);
        }
        long topicId;
        try (Connection connection = dataSource.getConnection()) {
            topicId = insertTopic(connection, name, queueCount, maxAttempts, owner);
            List<QueueRef> queues = new ArrayList<>(queueCount);
            for (int index = 0; index < queueCount; index++) {
                String table = QueueTable.tableName(topicId, index);
                int node = nodes.nodeForQueue(index);
                try (Connection nodeConnection = nodes.of(node).getConnection()) {
                    QueueTable.create(nodeConnection, table, segmentSize);
                }
                queues.add(insertQueue(connection, topicId, name, index, table, node));
            }
            Topic topic = new Topic(topicId, name, maxAttempts, queues, owner);
            cache.put(name, topic);
            return topic;
        }
    }

    private long insertTopic(Connection connection, String name, int queueCount, int maxAttempts, TopicOwner owner)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO topic (name, queue_count,"
                + " max_attempts, owner_broker, owner_connection) VALUES (?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, name);
            insert.setInt(2, queueCount);
            insert.setInt(3, maxAttempts);
            insert.setString(4, owner == null ? null : owner.brokerId());
            if (owner == null) {
                insert.setNull(5, Types.BIGINT);
            } else {
                insert.setLong(5, owner.connectionId());
            }
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLIntegrityConstraintViolationException e) {
            throw new BrokerError(ErrorCode.TOPIC_EXISTS, "Topic '" + name + "' already exists", e);
        }
    }

    private QueueRef insertQueue(Connection connection, long topicId, String topicName, int index, String table,
                                 int node) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO topic_queue (topic_id, queue_index, data_node_id, table_name) VALUES (?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, topicId);
            insert.setInt(2, index);
            insert.setInt(3, node);
            insert.setString(4, table);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new QueueRef(keys.getLong(1), topicId, topicName, index, table, node);
            }
        }
    }

    /** The topic if this broker has seen it already, or null: never touches the database. */
    public Topic cached(String name) {
        return cache.get(name);
    }

    /** The topic, from the cache or the admin schema. */
    public Optional<Topic> find(String name) throws SQLException {
        Topic cached = cache.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (Connection connection = dataSource.getConnection()) {
            Optional<Topic> topic = load(connection, name);
            topic.ifPresent(found -> cache.put(name, found));
            return topic;
        }
    }

    public Topic require(String name) throws SQLException {
        return find(name).orElseThrow(() -> new BrokerError(ErrorCode.UNKNOWN_TOPIC, "Topic '" + name
                + "' does not exist; create it first (CLI: topic create " + name + ")"));
    }

    public List<Topic> all() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM topic ORDER BY name")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        List<Topic> topics = new ArrayList<>(names.size());
        for (String name : names) {
            find(name).ifPresent(topics::add);
        }
        return topics;
    }

    /** The temporary topics whose owning connection was one of broker {@code brokerId}'s. */
    public List<Topic> temporaryTopicsOf(String brokerId) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT name FROM topic WHERE owner_broker = ? ORDER BY name")) {
            select.setString(1, brokerId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        List<Topic> topics = new ArrayList<>(names.size());
        for (String name : names) {
            find(name).ifPresent(topics::add);
        }
        return topics;
    }

    /** Drops the queue tables and the topic's rows (groups, offsets and claims cascade). */
    public void delete(Topic topic) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            for (QueueRef queue : topic.queues()) {
                try (Connection nodeConnection = nodes.of(queue).getConnection()) {
                    QueueTable.drop(nodeConnection, queue.tableName());
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM topic WHERE id = ?")) {
                delete.setLong(1, topic.id());
                delete.executeUpdate();
            }
        } finally {
            cache.remove(topic.name());
        }
    }

    private Optional<Topic> load(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT t.id, t.max_attempts, q.id, q.queue_index, q.table_name, q.data_node_id, t.owner_broker,"
                        + " t.owner_connection FROM topic t JOIN topic_queue q ON q.topic_id = t.id WHERE t.name = ?"
                        + " ORDER BY q.queue_index")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                long topicId = -1;
                int maxAttempts = 0;
                TopicOwner owner = null;
                List<QueueRef> queues = new ArrayList<>();
                while (rows.next()) {
                    topicId = rows.getLong(1);
                    maxAttempts = rows.getInt(2);
                    queues.add(new QueueRef(rows.getLong(3), topicId, name, rows.getInt(4), rows.getString(5),
                            rows.getInt(6)));
                    String ownerBroker = rows.getString(7);
                    owner = ownerBroker == null ? null : new TopicOwner(ownerBroker, rows.getLong(8));
                }
                return topicId < 0 ? Optional.empty()
                        : Optional.of(new Topic(topicId, name, maxAttempts, queues, owner));
            }
        }
    }
}
