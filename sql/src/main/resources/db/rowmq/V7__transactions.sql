-- Broker-side transactions (docs/decisions.md D16). A transaction is recorded here, in one
-- database transaction, before it is applied: its records (tx_send) and the deliveries it
-- acknowledges (tx_ack). A COMMITTED row is applied by the broker that wrote it (also after a
-- restart) and then deleted; a PREPARED row (an XA branch) waits for TX_END. Acknowledged
-- messages of a row here are never handed to another consumer.
CREATE TABLE tx (
    id         BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    broker_id  VARCHAR(128)  NOT NULL COMMENT 'the broker that applies it',
    state      VARCHAR(16)   NOT NULL COMMENT 'PREPARED or COMMITTED',
    format_id  INT           NULL COMMENT 'XA branch id; NULL for a one-phase commit',
    gtrid      VARBINARY(64) NULL,
    bqual      VARBINARY(64) NULL,
    created_at TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    UNIQUE KEY uk_tx_xid (format_id, gtrid, bqual),
    KEY ix_tx_broker_state (broker_id, state)
) ENGINE = InnoDB;

-- The records a transaction sends, per queue in send order (seq 0, 1, ...).
CREATE TABLE tx_send (
    tx_id    BIGINT   NOT NULL,
    queue_id BIGINT   NOT NULL,
    seq      INT      NOT NULL,
    payload  LONGBLOB NOT NULL,
    PRIMARY KEY (tx_id, queue_id, seq),
    CONSTRAINT fk_tx_send_tx FOREIGN KEY (tx_id) REFERENCES tx (id) ON DELETE CASCADE,
    CONSTRAINT fk_tx_send_queue FOREIGN KEY (queue_id) REFERENCES topic_queue (id) ON DELETE CASCADE
) ENGINE = InnoDB;

-- The deliveries a transaction acknowledges, with the deliveries made so far (for a roll-back).
CREATE TABLE tx_ack (
    tx_id          BIGINT NOT NULL,
    group_id       BIGINT NOT NULL,
    queue_id       BIGINT NOT NULL,
    msg_offset     BIGINT NOT NULL,
    delivery_count INT    NOT NULL,
    PRIMARY KEY (tx_id, group_id, queue_id, msg_offset),
    KEY ix_tx_ack_group (group_id, queue_id, msg_offset),
    CONSTRAINT fk_tx_ack_tx FOREIGN KEY (tx_id) REFERENCES tx (id) ON DELETE CASCADE,
    CONSTRAINT fk_tx_ack_group FOREIGN KEY (group_id) REFERENCES consumer_group (id) ON DELETE CASCADE
) ENGINE = InnoDB;
