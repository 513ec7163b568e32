-- Messages a group skipped because their time to live had passed, per queue: counted, never
-- silently dropped. Updated with the group's committed offset.
ALTER TABLE consumer_offset ADD COLUMN expired_count BIGINT NOT NULL DEFAULT 0;
