-- RowMQ admin schema, version 1. Plain InnoDB DDL accepted by MySQL 8.0+ and MariaDB 10.11+.
-- Queue tables themselves are created per queue from queue-table.sql.

CREATE TABLE data_node (
    id          INT          NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(64)  NOT NULL,
    jdbc_url    VARCHAR(512) NULL COMMENT 'NULL: the admin database itself hosts the queue tables',
    created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    UNIQUE KEY uk_data_node_name (name)
) ENGINE = InnoDB;

INSERT INTO data_node (name, jdbc_url) VALUES ('local', NULL);

CREATE TABLE topic (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name         VARCHAR(249) NOT NULL,
    queue_count  INT          NOT NULL,
    max_attempts INT          NOT NULL DEFAULT 3,
    created_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    UNIQUE KEY uk_topic_name (name)
) ENGINE = InnoDB;

-- One row per queue (partition) of a topic. The write lease says which broker may insert.
CREATE TABLE topic_queue (
    id                 BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    topic_id           BIGINT       NOT NULL,
    queue_index        INT          NOT NULL,
    data_node_id       INT          NOT NULL,
    table_name         VARCHAR(64)  NOT NULL,
    writer_id          VARCHAR(128) NULL,
    writer_lease_until TIMESTAMP(3) NULL,
    UNIQUE KEY uk_queue_topic_index (topic_id, queue_index),
    CONSTRAINT fk_queue_topic FOREIGN KEY (topic_id) REFERENCES topic (id) ON DELETE CASCADE,
    CONSTRAINT fk_queue_node FOREIGN KEY (data_node_id) REFERENCES data_node (id)
) ENGINE = InnoDB;

CREATE TABLE consumer_group (
    id         BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    topic_id   BIGINT        NOT NULL,
    name       VARCHAR(255)  NOT NULL,
    kind       VARCHAR(16)   NOT NULL COMMENT 'QUEUE, DURABLE, SHARED or EPHEMERAL',
    selector   VARCHAR(4000) NULL,
    created_at TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    UNIQUE KEY uk_group_topic_name (topic_id, name),
    CONSTRAINT fk_group_topic FOREIGN KEY (topic_id) REFERENCES topic (id) ON DELETE CASCADE
) ENGINE = InnoDB;

-- Everything at or below committed_offset is settled for the group.
CREATE TABLE consumer_offset (
    group_id         BIGINT       NOT NULL,
    queue_id         BIGINT       NOT NULL,
    committed_offset BIGINT       NOT NULL,
    updated_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (group_id, queue_id),
    CONSTRAINT fk_offset_group FOREIGN KEY (group_id) REFERENCES consumer_group (id) ON DELETE CASCADE,
    CONSTRAINT fk_offset_queue FOREIGN KEY (queue_id) REFERENCES topic_queue (id) ON DELETE CASCADE
) ENGINE = InnoDB;

-- A range of offsets handed to a consumer and not yet settled. One row per fetched batch.
CREATE TABLE claim (
    group_id     BIGINT       NOT NULL,
    queue_id     BIGINT       NOT NULL,
    first_offset BIGINT       NOT NULL,
    last_offset  BIGINT       NOT NULL,
    consumer     VARCHAR(128) NOT NULL,
    lease_until  TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (group_id, queue_id, first_offset),
    CONSTRAINT fk_claim_group FOREIGN KEY (group_id) REFERENCES consumer_group (id) ON DELETE CASCADE
) ENGINE = InnoDB;

-- Exceptions only: a message that has failed at least once for a group, with its count.
CREATE TABLE delivery_attempt (
    group_id       BIGINT        NOT NULL,
    queue_id       BIGINT        NOT NULL,
    msg_offset     BIGINT        NOT NULL,
    delivery_count INT           NOT NULL,
    last_reason    VARCHAR(1000) NULL,
    updated_at     TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (group_id, queue_id, msg_offset),
    CONSTRAINT fk_attempt_group FOREIGN KEY (group_id) REFERENCES consumer_group (id) ON DELETE CASCADE
) ENGINE = InnoDB;

-- Parked messages: failed max_attempts times for a group. Kept with their payload so they
-- can be inspected and replayed after the queue segment that held them is retired.
CREATE TABLE dead_letter (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    topic_name  VARCHAR(249)  NOT NULL,
    group_name  VARCHAR(255)  NOT NULL,
    group_id    BIGINT        NOT NULL,
    queue_id    BIGINT        NOT NULL,
    msg_offset  BIGINT        NOT NULL,
    message_id  VARCHAR(255)  NULL,
    attempts    INT           NOT NULL,
    reason      VARCHAR(2000) NOT NULL,
    payload     LONGBLOB      NOT NULL,
    parked_at   TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    replayed_at TIMESTAMP(3)  NULL,
    UNIQUE KEY uk_dead_letter_message (group_id, queue_id, msg_offset),
    KEY ix_dead_letter_message_id (message_id)
) ENGINE = InnoDB;

-- Last sequence stored per idempotent producer and queue.
CREATE TABLE producer (
    producer_id   BIGINT       NOT NULL,
    queue_id      BIGINT       NOT NULL,
    last_sequence BIGINT       NOT NULL,
    updated_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (producer_id, queue_id)
) ENGINE = InnoDB;
