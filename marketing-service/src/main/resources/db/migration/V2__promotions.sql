-- Promotions the price engine applies. Which columns are set depends on the kind (CreatePromotion
-- checks it; the CHECKs below keep what every kind needs). Money is integer minor units in
-- `currency`; instants are UTC. Ending a promotion early moves ends_at to the moment it was ended
-- and records ended_at, so "active" is always starts_at <= now < ends_at.
CREATE TABLE promotion (
    id                       BIGINT       NOT NULL AUTO_INCREMENT,
    name                     VARCHAR(120) NOT NULL,
    kind                     VARCHAR(16)  NOT NULL,
    currency                 CHAR(3)      NOT NULL,
    shop_id                  BIGINT       NULL,
    amount_off_minor         BIGINT       NULL,
    percent_off_basis_points INT          NOT NULL DEFAULT 0,
    bundle_quantity          INT          NULL,
    bundle_price_minor       BIGINT       NULL,
    threshold_minor          BIGINT       NULL,
    gift_sku_id              BIGINT       NULL,
    gift_quantity            INT          NULL,
    starts_at                DATETIME(3)  NOT NULL,
    ends_at                  DATETIME(3)  NOT NULL,
    ended_at                 DATETIME(3)  NULL,
    created_by               VARCHAR(64)  NOT NULL,
    created_at               DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    -- The engine's cache loads every promotion that has not ended.
    KEY ix_promotion_ends (ends_at),
    CONSTRAINT ck_promotion_kind CHECK (kind IN ('ITEM', 'BUNDLE', 'SHOP', 'PLATFORM', 'GIFT')),
    CONSTRAINT ck_promotion_window CHECK (ends_at > starts_at OR ended_at IS NOT NULL),
    CONSTRAINT ck_promotion_amounts CHECK ((amount_off_minor IS NULL OR amount_off_minor > 0)
        AND (bundle_price_minor IS NULL OR bundle_price_minor > 0)
        AND (threshold_minor IS NULL OR threshold_minor > 0)
        AND percent_off_basis_points BETWEEN 0 AND 10000)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The SKUs an ITEM or BUNDLE promotion covers.
CREATE TABLE promotion_sku (
    promotion_id BIGINT NOT NULL,
    sku_id       BIGINT NOT NULL,
    PRIMARY KEY (promotion_id, sku_id),
    CONSTRAINT fk_promotion_sku_promotion FOREIGN KEY (promotion_id) REFERENCES promotion (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
