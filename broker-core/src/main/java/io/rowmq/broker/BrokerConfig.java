package io.rowmq.broker;

import io.rowmq.broker.admin.DataNodeSpec;
import io.rowmq.broker.admin.PasswordHasher;
import io.rowmq.broker.admin.UserCredential;
import io.rowmq.jms.provider.IoTransport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings of a broker process, validated once here: a value out of range is rejected
 * with a message naming the option and the value. {@code docs/configuration.md} lists them all.
 *
 * @param host             transport.host: the address the broker listens on
 * @param port             transport.port: the TCP port clients connect to (0 picks a free one)
 * @param maxFrameSize     transport.max-frame-size: the largest frame accepted, in bytes
 * @param brokerId         broker.id: stable name of this broker, owner of its write leases
 * @param queues           broker.default-queues: queues of a topic created without a count
 * @param maxAttempts      broker.max-attempts: deliveries before a message is parked
 * @param leaseMs          broker.lease-ms: lifetime of claims and write leases without renewal
 * @param autoCreateTopics broker.auto-create-topics: whether unknown topics are created on first use
 * @param dataDir          store.data-dir: folder of the embedded MariaDB (unused with a JDBC URL)
 * @param embeddedDbPort   store.embedded-port: port of the embedded MariaDB, 0 picks a free one
 * @param jdbcUrl          store.jdbc-url: an external MySQL/MariaDB database, or null for the embedded one
 * @param jdbcUser         store.jdbc-user: the database user
 * @param jdbcPassword     store.jdbc-password: the database password
 * @param poolSize         store.pool-size: the most connections the broker opens to the database
 * @param storeTimeoutMs   store.timeout-ms: how long a request waits for the database before a retriable error
 * @param segmentSize      store.segment-size: offsets per segment of a queue table, the unit of retention
 * @param retentionCheckMs store.retention-check-ms: how often fully consumed segments are dropped
 * @param tailCacheBytes   broker.tail-cache-bytes: payload bytes kept in memory for consumers that keep up
 * @param dataNodes        store.data-node: further databases that new topics spread their queue tables over
 * @param security         broker.allow-anonymous, broker.user, broker.password-iterations: who may connect
 * @param transport        transport.io: the socket transport, auto (epoll where available), nio or epoll
 */
public record BrokerConfig(String host, int port, int maxFrameSize, String brokerId, int queues, int maxAttempts,
                           long leaseMs, boolean autoCreateTopics, Path dataDir, int embeddedDbPort,
                           String jdbcUrl, String jdbcUser, String jdbcPassword, int poolSize,
                           long storeTimeoutMs, long segmentSize, long retentionCheckMs, long tailCacheBytes,
                           List<DataNodeSpec> dataNodes, SecuritySettings security, IoTransport transport) {

    public static final int DEFAULT_PORT = 7600;
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_MAX_FRAME_SIZE = 16 * 1024 * 1024;
    public static final String DEFAULT_DATA_DIR = "./rowmq-data";
    public static final int DEFAULT_POOL_SIZE = 16;
    /** The database the embedded MariaDB holds RowMQ's tables in. */
    public static final String EMBEDDED_DATABASE = "rowmq";
    /** The environment variable read when {@code --jdbc-password} is not given. */
    public static final String PASSWORD_ENV = "ROWMQ_JDBC_PASSWORD";

    /** Options that take a value, as accepted by {@link #fromCommandLine(CommandLine)}. */
    public static final Set<String> OPTIONS = Set.of("host", "port", "max-frame-size", "broker-id", "queues",
            "max-attempts", "lease-ms", "auto-create-topics", "data-dir", "db-port", "jdbc-url", "jdbc-user",
            "jdbc-password", "pool-size", "store-timeout-ms", "segment-size", "retention-check-ms", "tail-cache-bytes",
            "data-node", "allow-anonymous", "user", "password-iterations", "transport");

    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&;]password=)[^&;]*");
    private static final Pattern PASSWORD_AUTHORITY = Pattern.compile("(//[^/@:]+):[^/@]*@");

    public BrokerConfig {
        validateTransport(host, port, maxFrameSize);
        validateBroker(brokerId, queues, maxAttempts, leaseMs);
        validateStore(dataDir, embeddedDbPort, jdbcUrl, jdbcUser, poolSize, storeTimeoutMs);
        validateRetention(segmentSize, retentionCheckMs, tailCacheBytes);
        jdbcPassword = jdbcPassword == null ? "" : jdbcPassword;
        dataNodes = List.copyOf(dataNodes);
        if (security == null) {
            throw new IllegalArgumentException("security settings must not be null");
        }
        require(transport != null, "--transport must be auto, nio or epoll, was null");
    }

    /** Reads the settings from parsed options; unset ones take their defaults. */
    public static BrokerConfig fromCommandLine(CommandLine cl) {
        int port = cl.intValue("port", DEFAULT_PORT);
        String password = cl.string("jdbc-password", System.getenv(PASSWORD_ENV));
        return new BrokerConfig(cl.string("host", DEFAULT_HOST), port,
                cl.intValue("max-frame-size", DEFAULT_MAX_FRAME_SIZE),
                cl.string("broker-id", defaultBrokerId(port)),
                cl.intValue("queues", EngineSettings.DEFAULT_QUEUES),
                cl.intValue("max-attempts", EngineSettings.DEFAULT_MAX_ATTEMPTS),
                cl.longValue("lease-ms", EngineSettings.DEFAULT_LEASE_MS),
                booleanValue(cl, "auto-create-topics", true),
                Path.of(cl.string("data-dir", DEFAULT_DATA_DIR)),
                cl.intValue("db-port", 0),
                cl.string("jdbc-url", null),
                cl.string("jdbc-user", "root"),
                password,
                cl.intValue("pool-size", DEFAULT_POOL_SIZE),
                cl.longValue("store-timeout-ms", EngineSettings.DEFAULT_STORE_TIMEOUT_MS),
                cl.longValue("segment-size", EngineSettings.DEFAULT_SEGMENT_SIZE),
                cl.longValue("retention-check-ms", EngineSettings.DEFAULT_RETENTION_CHECK_MS),
                cl.longValue("tail-cache-bytes", EngineSettings.DEFAULT_TAIL_CACHE_BYTES),
                dataNodes(cl.string("data-node", null), cl.string("jdbc-user", "root"), password),
                new SecuritySettings(booleanValue(cl, "allow-anonymous", true), users(cl.string("user", null)),
                        cl.intValue("password-iterations", PasswordHasher.DEFAULT_ITERATIONS)),
                transport(cl.string("transport", IoTransport.AUTO.toString())));
    }

    private static boolean booleanValue(CommandLine cl, String option, boolean defaultValue) {
        String value = cl.string(option, String.valueOf(defaultValue));
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("--" + option + " must be true or false, was '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static List<UserCredential> users(String values) {
        return values == null ? List.of() : Arrays.stream(values.split("\n")).map(UserCredential::parse).toList();
    }

    private static IoTransport transport(String value) {
        try {
            return IoTransport.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--transport must be auto, nio or epoll, was '" + value + "'", e);
        }
    }

    private static List<DataNodeSpec> dataNodes(String values, String user, String password) {
        if (values == null) {
            return List.of();
        }
        return Arrays.stream(values.split("\n")).map(value -> DataNodeSpec.parse(value, user, password)).toList();
    }

    /** All defaults, listening on {@code port}, storing in the database at {@code jdbcUrl}. */
    public static BrokerConfig forJdbc(int port, String jdbcUrl, String user, String password) {
        return new BrokerConfig(DEFAULT_HOST, port, DEFAULT_MAX_FRAME_SIZE, defaultBrokerId(port),
                EngineSettings.DEFAULT_QUEUES, EngineSettings.DEFAULT_MAX_ATTEMPTS, EngineSettings.DEFAULT_LEASE_MS,
                true, Path.of(DEFAULT_DATA_DIR), 0, jdbcUrl, user, password, DEFAULT_POOL_SIZE,
                EngineSettings.DEFAULT_STORE_TIMEOUT_MS, EngineSettings.DEFAULT_SEGMENT_SIZE,
                EngineSettings.DEFAULT_RETENTION_CHECK_MS, EngineSettings.DEFAULT_TAIL_CACHE_BYTES, List.of(),
                SecuritySettings.defaults(), IoTransport.AUTO);
    }

    /** The broker id used when none is given: this host's name and the broker's port. */
    public static String defaultBrokerId(int port) {
        String hostName;
        try {
            hostName = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            hostName = "localhost";
        }
        return hostName + ":" + port;
    }

    /** A copy with another store timeout. */
    public BrokerConfig withStoreTimeoutMs(long timeoutMs) {
        return new BrokerConfig(host, port, maxFrameSize, brokerId, queues, maxAttempts, leaseMs, autoCreateTopics,
                dataDir, embeddedDbPort, jdbcUrl, jdbcUser, jdbcPassword, poolSize, timeoutMs, segmentSize,
                retentionCheckMs, tailCacheBytes, dataNodes, security, transport);
    }

    /** A copy with other security settings. */
    public BrokerConfig withSecurity(SecuritySettings value) {
        return new BrokerConfig(host, port, maxFrameSize, brokerId, queues, maxAttempts, leaseMs, autoCreateTopics,
                dataDir, embeddedDbPort, jdbcUrl, jdbcUser, jdbcPassword, poolSize, storeTimeoutMs, segmentSize,
                retentionCheckMs, tailCacheBytes, dataNodes, value, transport);
    }

    public boolean embedded() {
        return jdbcUrl == null;
    }

    public EngineSettings engineSettings() {
        return new EngineSettings(brokerId, queues, maxAttempts, leaseMs, storeTimeoutMs, autoCreateTopics,
                Clock.systemUTC(), segmentSize, retentionCheckMs, tailCacheBytes);
    }

    /** Where messages are stored, fit for a log line: the data folder, or the JDBC URL without its password. */
    public String storeDescription() {
        return embedded() ? "embedded MariaDB in " + dataDir : redact(jdbcUrl);
    }

    /** {@code url} with any password in it replaced by {@code ***}. */
    public static String redact(String url) {
        String withoutParam = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
        return PASSWORD_AUTHORITY.matcher(withoutParam).replaceAll("$1:***@");
    }

    @Override
    public String toString() {
        return "BrokerConfig[id=" + brokerId + ", listen=" + host + ":" + port + ", store=" + storeDescription()
                + ", queues=" + queues + ", maxAttempts=" + maxAttempts + ", poolSize=" + poolSize
                + ", storeTimeoutMs=" + storeTimeoutMs + ", " + security + ", transport=" + transport + "]";
    }

    private static void validateTransport(String host, int port, int maxFrameSize) {
        require(host != null && !host.isBlank(), "--host must not be empty");
        require(port >= 0 && port <= 65535, "--port must be 0..65535, was " + port);
        require(maxFrameSize >= 1024 && maxFrameSize <= 1 << 30,
                "--max-frame-size must be 1024..1073741824 bytes, was " + maxFrameSize);
    }

    private static void validateBroker(String brokerId, int queues, int maxAttempts, long leaseMs) {
        require(brokerId != null && !brokerId.isBlank() && brokerId.length() <= 128,
                "--broker-id must be 1..128 characters, was '" + brokerId + "'");
        require(queues >= 1 && queues <= 1024, "--queues must be 1..1024, was " + queues);
        require(maxAttempts >= 1 && maxAttempts <= 1000, "--max-attempts must be 1..1000, was " + maxAttempts);
        require(leaseMs >= 100, "--lease-ms must be at least 100, was " + leaseMs);
    }

    private static void validateStore(Path dataDir, int embeddedDbPort, String jdbcUrl, String jdbcUser,
                                      int poolSize, long storeTimeoutMs) {
        require(dataDir != null && !dataDir.toString().isBlank(), "--data-dir must not be empty");
        require(embeddedDbPort >= 0 && embeddedDbPort <= 65535, "--db-port must be 0..65535, was " + embeddedDbPort);
        require(jdbcUrl == null || jdbcUrl.startsWith("jdbc:mysql://"),
                "--jdbc-url must start with jdbc:mysql:// (MySQL Connector/J is the driver shipped; it reaches MariaDB too), was '"
                        + (jdbcUrl == null ? null : redact(jdbcUrl)) + "'");
        require(jdbcUser != null && !jdbcUser.isBlank(), "--jdbc-user must not be empty");
        require(poolSize >= 2 && poolSize <= 1000, "--pool-size must be 2..1000, was " + poolSize);
        require(storeTimeoutMs >= 10 && storeTimeoutMs <= 600_000,
                "--store-timeout-ms must be 10..600000, was " + storeTimeoutMs);
    }

    private static void validateRetention(long segmentSize, long retentionCheckMs, long tailCacheBytes) {
        require(segmentSize >= 10, "--segment-size must be at least 10, was " + segmentSize);
        require(retentionCheckMs >= 100, "--retention-check-ms must be at least 100, was " + retentionCheckMs);
        require(tailCacheBytes >= 0, "--tail-cache-bytes must not be negative, was " + tailCacheBytes);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
