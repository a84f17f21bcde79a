-- Stock of record per SKU, and the part of it each flash sale was given.
-- Times are DATETIME(3) written from the application's instants; the SQL never calls NOW(), so every
-- comparison uses one clock.

CREATE TABLE sku (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    name       VARCHAR(120) NOT NULL,
    stock      INT          NOT NULL,
    created_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT sku_stock_never_negative CHECK (stock >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- One row per flash sale. allocated is taken off sku.stock when the row is written (same transaction);
-- remaining falls by each placed order (orders_applied counts them). The window and per-user limit
-- arrive later from FlashSaleScheduled (scheduled_at = that event's occurredAt, so an older event
-- never overwrites a newer one). warmed_at is set once the Redis counters were created.
CREATE TABLE flash_sale_stock (
    flash_sale_id  BIGINT      NOT NULL,
    sku_id         BIGINT      NOT NULL,
    allocated      INT         NOT NULL,
    remaining      INT         NOT NULL,
    orders_applied INT         NOT NULL DEFAULT 0,
    starts_at      DATETIME(3) NULL,
    ends_at        DATETIME(3) NULL,
    per_user_limit INT         NULL,
    scheduled_at   DATETIME(3) NULL,
    warmed_at      DATETIME(3) NULL,
    allocated_at   DATETIME(3) NOT NULL,
    PRIMARY KEY (flash_sale_id),
    KEY flash_sale_stock_sku (sku_id),
    KEY flash_sale_stock_warm_up (warmed_at, starts_at),
    CONSTRAINT flash_sale_stock_sku_fk FOREIGN KEY (sku_id) REFERENCES sku (id),
    CONSTRAINT flash_sale_stock_allocated_positive CHECK (allocated > 0),
    CONSTRAINT flash_sale_stock_remaining_in_range CHECK (remaining >= 0 AND remaining <= allocated)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
