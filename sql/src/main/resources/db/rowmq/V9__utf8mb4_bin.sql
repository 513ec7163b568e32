-- Every text column holds any Unicode text and compares byte for byte. Without a character set
-- of their own the tables took the server's default: latin1 on MariaDB, so a message id or a
-- correlation id in Chinese failed the send; utf8mb4_0900_ai_ci on MySQL 8, so the topics
-- 'Orders' and 'orders' were one. Destination, group and client names are case-sensitive in
-- JMS. Queue tables get the same from their template (rowmq/queue-table.sql).
ALTER TABLE data_node CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE topic CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE topic_queue CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE consumer_group CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE consumer_offset CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE claim CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE delivery_attempt CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE dead_letter CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE producer CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE broker_user CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE tx CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE tx_send CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE tx_ack CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE skipped_message CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
