package io.rowmq.broker;

import java.time.Clock;

/**
 * The settings of the storage engine, validated once here.
 *
 * @param brokerId         stable name of this broker, owner of the write leases it takes
 * @param defaultQueues    queues of a topic created without a count
 * @param maxAttempts      deliveries before a message is parked, unless the topic says otherwise
 * @param leaseMs          how long a consumer's claim and a broker's write lease last without renewal
 * @param storeTimeoutMs   how long a send waits for the database before failing with a retriable error
 * @param autoCreateTopics whether a send or subscribe to an unknown topic creates it
 * @param clock            the time source for leases, expiry and delivery delay
 * @param segmentSize      offsets per segment (partition) of a queue table: the unit of retention
 * @param retentionCheckMs how often fully consumed segments are dropped
 * @param tailCacheBytes   payload bytes all queues together keep in memory for consumers that keep up
 */
public record EngineSettings(String brokerId, int defaultQueues, int maxAttempts, long leaseMs,
                             long storeTimeoutMs, boolean autoCreateTopics, Clock clock, long segmentSize,
                             long retentionCheckMs, long tailCacheBytes) {

    public static final int DEFAULT_QUEUES = 4;
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final long DEFAULT_LEASE_MS = 30_000;
    public static final long DEFAULT_STORE_TIMEOUT_MS = 5_000;
    public static final long DEFAULT_SEGMENT_SIZE = 1_000_000;
    public static final long DEFAULT_RETENTION_CHECK_MS = 60_000;
    public static final long DEFAULT_TAIL_CACHE_BYTES = 32L << 20;

    public EngineSettings {
        if (brokerId == null || brokerId.isBlank() || brokerId.length() > 128) {
            throw new IllegalArgumentException("broker.id must be 1..128 characters, was '" + brokerId + "'");
        }
        if (defaultQueues < 1 || defaultQueues > 1024) {
            throw new IllegalArgumentException("broker.default-queues must be 1..1024, was " + defaultQueues);
        }
        if (maxAttempts < 1 || maxAttempts > 1000) {
            throw new IllegalArgumentException("broker.max-attempts must be 1..1000, was " + maxAttempts);
        }
        if (leaseMs < 100) {
            throw new IllegalArgumentException("broker.lease-ms must be at least 100, was " + leaseMs);
        }
        if (storeTimeoutMs < 10) {
            throw new IllegalArgumentException("store.timeout-ms must be at least 10, was " + storeTimeoutMs);
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock must not be null");
        }
        if (segmentSize < 10) {
            throw new IllegalArgumentException("store.segment-size must be at least 10, was " + segmentSize);
        }
        if (retentionCheckMs < 100) {
            throw new IllegalArgumentException("store.retention-check-ms must be at least 100, was " + retentionCheckMs);
        }
        if (tailCacheBytes < 0) {
            throw new IllegalArgumentException("broker.tail-cache-bytes must not be negative, was " + tailCacheBytes);
        }
    }

    /** Settings with the default segment size, retention check period and tail cache size. */
    public EngineSettings(String brokerId, int defaultQueues, int maxAttempts, long leaseMs, long storeTimeoutMs,
                          boolean autoCreateTopics, Clock clock) {
        this(brokerId, defaultQueues, maxAttempts, leaseMs, storeTimeoutMs, autoCreateTopics, clock,
                DEFAULT_SEGMENT_SIZE, DEFAULT_RETENTION_CHECK_MS, DEFAULT_TAIL_CACHE_BYTES);
    }

    public static EngineSettings defaults(String brokerId) {
        return new EngineSettings(brokerId, DEFAULT_QUEUES, DEFAULT_MAX_ATTEMPTS, DEFAULT_LEASE_MS,
                DEFAULT_STORE_TIMEOUT_MS, true, Clock.systemUTC());
    }
}
