-- The units each placed order took off its sale's database stock. A cancellation returns exactly
-- these units, once (returned_at goes from NULL to a time under a row lock), and an order whose
-- OrderPlaced was never applied returns nothing.
-- A cancellation that arrives before its OrderPlaced (the outbox resubmitted the OrderPlaced late)
-- leaves a row with applied_at NULL and returned_at set: the late OrderPlaced then takes nothing,
-- so the database stock never loses units that Redis gave back.
CREATE TABLE order_stock (
    order_id      VARCHAR(64) NOT NULL,
    flash_sale_id BIGINT      NOT NULL,
    quantity      INT         NOT NULL,
    applied_at    DATETIME(3) NULL,
    returned_at   DATETIME(3) NULL,
    PRIMARY KEY (order_id),
    KEY order_stock_sale (flash_sale_id, returned_at),
    CONSTRAINT order_stock_quantity_positive CHECK (quantity > 0),
    CONSTRAINT order_stock_applied_or_returned CHECK (applied_at IS NOT NULL OR returned_at IS NOT NULL)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
