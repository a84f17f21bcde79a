-- A SKU's list price of record, in integer minor units of its currency, and the shop that sells it.
-- Rows written before this migration keep a NULL price: nothing honest can be made up for them, so
-- the price engine refuses to quote a SKU without one. Every SKU created from now on must carry a
-- price (the create endpoint requires it). shop_id defaults to 1, the platform's own shop, until shops
-- are managed.
ALTER TABLE sku
    ADD COLUMN shop_id          BIGINT  NOT NULL DEFAULT 1,
    ADD COLUMN list_price_minor BIGINT  NULL,
    ADD COLUMN currency         CHAR(3) NOT NULL DEFAULT 'CNY',
    ADD CONSTRAINT sku_list_price_positive CHECK (list_price_minor IS NULL OR list_price_minor > 0),
    ADD CONSTRAINT sku_shop_positive CHECK (shop_id > 0);
