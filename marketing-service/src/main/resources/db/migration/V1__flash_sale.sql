-- Flash-sale campaigns. Instants are UTC wall-clock times (see UtcInstantTypeHandler);
-- money is integer minor units.
CREATE TABLE flash_sale (
    id                  BIGINT       NOT NULL AUTO_INCREMENT,
    sku_id              BIGINT       NOT NULL,
    title               VARCHAR(120) NOT NULL,
    price_cents         BIGINT       NOT NULL,
    stock               INT          NOT NULL,
    per_user_limit      INT          NOT NULL,
    starts_at           DATETIME(3)  NOT NULL,
    ends_at             DATETIME(3)  NOT NULL,
    pay_timeout_seconds INT          NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    rejection           VARCHAR(32)  NULL,
    created_by          VARCHAR(255) NOT NULL,
    idempotency_key     VARCHAR(64)  NULL,
    request_hash        CHAR(64)     NOT NULL,
    created_at          DATETIME(3)  NOT NULL,
    updated_at          DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    -- One sale per creator and key; rows without a key (NULL) never collide.
    UNIQUE KEY uk_flash_sale_idempotency (created_by, idempotency_key),
    -- The listing and the republisher: scheduled sales by start.
    KEY ix_flash_sale_status_start (status, starts_at, id),
    CONSTRAINT ck_flash_sale_price CHECK (price_cents > 0),
    CONSTRAINT ck_flash_sale_stock CHECK (stock > 0 AND per_user_limit > 0 AND per_user_limit <= stock),
    CONSTRAINT ck_flash_sale_window CHECK (ends_at > starts_at),
    CONSTRAINT ck_flash_sale_status CHECK (status IN ('DRAFT', 'SCHEDULED', 'REJECTED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
