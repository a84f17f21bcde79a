-- One row per flash-sale order, written by the order writer from reserved stock.
CREATE TABLE orders (
    id               VARCHAR(64)  NOT NULL,
    user_id          VARCHAR(128) NOT NULL,
    flash_sale_id    BIGINT       NOT NULL,
    sku_id           BIGINT       NOT NULL,
    quantity         INT          NOT NULL,
    unit_price_cents BIGINT       NOT NULL,
    total_cents      BIGINT       NOT NULL,
    status           VARCHAR(20)  NOT NULL,
    pay_deadline     DATETIME(3)  NOT NULL,
    created_at       DATETIME(3)  NOT NULL,
    updated_at       DATETIME(3)  NOT NULL,
    version          INT          NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    KEY idx_orders_user (user_id, created_at),
    KEY idx_orders_sale_status (flash_sale_id, status),
    KEY idx_orders_deadline (status, pay_deadline)
);
