-- Template of a queue table: insert-only, the auto-increment id is the message's offset.
-- {table} is replaced by the queue's table name, {segment} by the segment size. No secondary
-- index: reads are by id range. Range partitions are the segments retention drops whole; pmax
-- stays empty because segments are added ahead of the writer.
CREATE TABLE IF NOT EXISTS {table} (
    id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    message_id     VARCHAR(255) NULL,
    correlation_id VARCHAR(255) NULL,
    message_type   VARCHAR(255) NULL,
    producer_id    BIGINT       NOT NULL DEFAULT 0,
    producer_seq   BIGINT       NOT NULL DEFAULT 0,
    sent_at        BIGINT       NOT NULL DEFAULT 0 COMMENT 'JMSTimestamp, epoch ms',
    expires_at     BIGINT       NOT NULL DEFAULT 0 COMMENT 'epoch ms, 0 = never',
    deliver_at     BIGINT       NOT NULL DEFAULT 0 COMMENT 'epoch ms, 0 = at once',
    priority       TINYINT      NOT NULL DEFAULT 4,
    stored_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    payload        LONGBLOB     NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin
PARTITION BY RANGE (id) (
    PARTITION p0 VALUES LESS THAN ({segment}),
    PARTITION pmax VALUES LESS THAN MAXVALUE
)
