-- Created on every data node other than the admin database itself, next to the queue tables it
-- hosts: the last stored sequence per idempotent producer and queue, written in the same
-- transaction as the rows it covers (so it must live in the same database). Same DDL as the
-- admin schema's producer table.
CREATE TABLE IF NOT EXISTS producer (
    producer_id   BIGINT       NOT NULL,
    queue_id      BIGINT       NOT NULL,
    last_sequence BIGINT       NOT NULL,
    updated_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (producer_id, queue_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin
