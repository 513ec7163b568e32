-- Users who may connect to the broker (docs/decisions.md D15). The password is kept only as a
-- salted PBKDF2 hash; algorithm and iterations are stored per row so that a stronger setting
-- applies to passwords set after it without invalidating the others. Names compare exactly
-- (binary collation): 'Alice' and 'alice' are two users. Per-destination permissions will
-- reference broker_user.id.
CREATE TABLE broker_user (
    id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name          VARCHAR(64)   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    password_hash VARBINARY(64) NOT NULL,
    algorithm     VARCHAR(32)   NOT NULL COMMENT 'PBKDF2WithHmacSHA256',
    iterations    INT           NOT NULL,
    salt          VARBINARY(64) NOT NULL,
    created_at    TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at    TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    UNIQUE KEY uk_broker_user_name (name)
) ENGINE = InnoDB;
