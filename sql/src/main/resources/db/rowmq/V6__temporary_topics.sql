-- A temporary topic (JMS TemporaryQueue / TemporaryTopic) belongs to one client connection of
-- one broker and is deleted when that connection ends. The owner is recorded so that a broker
-- restarted after a crash deletes the temporary topics its previous run left behind. Both
-- columns are NULL for ordinary topics.
ALTER TABLE topic
    ADD COLUMN owner_broker     VARCHAR(128) NULL,
    ADD COLUMN owner_connection BIGINT       NULL;

-- JMS unsubscribe names a subscription without its topic: the group is found by name alone.
CREATE INDEX ix_group_name ON consumer_group (name);
