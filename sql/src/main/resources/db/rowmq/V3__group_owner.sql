-- Non-durable groups (SHARED, EPHEMERAL) die with their consumers. The broker that serves one is
-- recorded so that, restarted after a crash, it deletes the ones it left behind: their offsets
-- would otherwise hold back the retention of their queues for ever.
ALTER TABLE consumer_group ADD COLUMN owner_broker VARCHAR(128) NULL;
