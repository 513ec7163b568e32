-- Messages of a queue group that a consumer's selector passed over and that wait, below the
-- group's committed offset, for a consumer whose selector matches them (decision D14). The
-- committed offset moves past them, so a message nobody matches does not hold back the
-- settlement of everything after it; a row goes when its message is settled.
CREATE TABLE skipped_message (
    group_id         BIGINT       NOT NULL,
    queue_id         BIGINT       NOT NULL,
    msg_offset       BIGINT       NOT NULL,
    prior_deliveries INT          NOT NULL,
    skipped_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (group_id, queue_id, msg_offset),
    KEY ix_skipped_queue (queue_id, msg_offset),
    CONSTRAINT fk_skipped_group FOREIGN KEY (group_id) REFERENCES consumer_group (id) ON DELETE CASCADE
) ENGINE = InnoDB;
