-- Coupons: templates (what admins create) and the coupons shoppers claim from them.
-- Instants are UTC wall-clock times (see UtcInstantTypeHandler); money is integer minor units.
CREATE TABLE coupon_template (
    id                    BIGINT        NOT NULL AUTO_INCREMENT,
    name                  VARCHAR(120)  NOT NULL,
    kind                  VARCHAR(16)   NOT NULL,
    currency              CHAR(3)       NOT NULL,
    amount_off_cents      BIGINT        NULL,
    percent_off_bp        INT           NOT NULL DEFAULT 0,
    cap_cents             BIGINT        NULL,
    threshold_cents       BIGINT        NULL,
    minimum_spend_cents   BIGINT        NULL,
    scope                 VARCHAR(16)   NOT NULL,
    -- SHOP and SKUS: the ids, comma-separated; PLATFORM: empty.
    scope_ids             VARCHAR(2200) NOT NULL,
    total_stock           INT           NOT NULL,
    per_user_limit        INT           NOT NULL,
    claim_starts_at       DATETIME(3)   NOT NULL,
    claim_ends_at         DATETIME(3)   NOT NULL,
    -- Validity: fixed dates (valid_from, valid_until) or valid_days from the claim.
    valid_from            DATETIME(3)   NULL,
    valid_until           DATETIME(3)   NULL,
    valid_days            INT           NULL,
    created_by            VARCHAR(255)  NOT NULL,
    created_at            DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT ck_coupon_template_kind CHECK (kind IN ('FIXED', 'PERCENT', 'SPEND_SAVE')),
    CONSTRAINT ck_coupon_template_scope CHECK (scope IN ('PLATFORM', 'SHOP', 'SKUS')),
    CONSTRAINT ck_coupon_template_stock CHECK (total_stock BETWEEN 1 AND 10000000 AND per_user_limit >= 1),
    CONSTRAINT ck_coupon_template_window CHECK (claim_ends_at > claim_starts_at),
    CONSTRAINT ck_coupon_template_validity CHECK ((valid_days IS NULL) <> (valid_until IS NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per issued coupon, written by the coupon writer from CouponClaimed. The id is the
-- claim's, so a redelivered record inserts nothing twice. An order locks a coupon
-- (order_id set) and uses or releases it; EXPIRED is not stored: it is UNUSED past valid_until.
CREATE TABLE coupon (
    id           CHAR(32)     NOT NULL,
    template_id  BIGINT       NOT NULL,
    user_id      VARCHAR(255) NOT NULL,
    state        VARCHAR(16)  NOT NULL,
    order_id     VARCHAR(64)  NULL,
    claimed_at   DATETIME(3)  NOT NULL,
    valid_from   DATETIME(3)  NOT NULL,
    valid_until  DATETIME(3)  NOT NULL,
    updated_at   DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    -- A shopper's coupons, newest first, by state.
    KEY ix_coupon_user_state (user_id, state, claimed_at),
    KEY ix_coupon_template (template_id),
    KEY ix_coupon_order (order_id),
    CONSTRAINT fk_coupon_template FOREIGN KEY (template_id) REFERENCES coupon_template (id),
    CONSTRAINT ck_coupon_state CHECK (state IN ('UNUSED', 'LOCKED', 'USED')),
    CONSTRAINT ck_coupon_order CHECK ((state = 'UNUSED') = (order_id IS NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
