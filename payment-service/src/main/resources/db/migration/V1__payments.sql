-- One row per payment attempt of an order at one channel. Every status change is a
-- conditional UPDATE on the current status and appends a payment_ledger row in the same
-- transaction.
CREATE TABLE payments (
    id             VARCHAR(40)  NOT NULL,
    order_id       VARCHAR(64)  NOT NULL,
    user_id        VARCHAR(128) NOT NULL,
    channel        VARCHAR(32)  NOT NULL,
    amount_cents   BIGINT       NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    -- order_id:channel while CREATED or PAYING, NULL after: at most one open payment per
    -- order and channel, decided by the unique index, not a read-then-write.
    active_key     VARCHAR(100) NULL,
    trade_no       VARCHAR(64)  NULL,
    pay_url        VARCHAR(512) NULL,
    failure_reason VARCHAR(64)  NULL,
    refund_reason  VARCHAR(64)  NULL,
    refund_id      VARCHAR(64)  NULL,
    created_at     DATETIME(3)  NOT NULL,
    updated_at     DATETIME(3)  NOT NULL,
    succeeded_at   DATETIME(3)  NULL,
    refunded_at    DATETIME(3)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_payments_active (active_key),
    UNIQUE KEY uk_payments_trade (channel, trade_no),
    KEY idx_payments_order (order_id),
    KEY idx_payments_status (status, updated_at),
    KEY idx_payments_channel_created (channel, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Append-only history of every transition: what moved, from where, why, and who learnt it.
CREATE TABLE payment_ledger (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    payment_id   VARCHAR(40)  NOT NULL,
    from_status  VARCHAR(16)  NULL,
    to_status    VARCHAR(16)  NOT NULL,
    amount_cents BIGINT       NOT NULL,
    source       VARCHAR(32)  NOT NULL,
    detail       VARCHAR(128) NULL,
    recorded_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    KEY idx_ledger_payment (payment_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- The latest statement comparisons, one row per run.
CREATE TABLE reconciliation_reports (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    channel      VARCHAR(32)  NOT NULL,
    window_from  DATETIME(3)  NOT NULL,
    window_to    DATETIME(3)  NOT NULL,
    ran_at       DATETIME(3)  NOT NULL,
    matched      INT          NOT NULL,
    repaired     INT          NOT NULL,
    flagged      INT          NOT NULL,
    findings     MEDIUMTEXT   NOT NULL,
    PRIMARY KEY (id),
    KEY idx_reports_channel (channel, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- The sandbox wallets' own books (io.flashsale.payment.sandbox): what a real channel keeps
-- on its side, so a lost callback or a drifted statement is a real difference.
CREATE TABLE sandbox_trades (
    channel      VARCHAR(32)  NOT NULL,
    trade_no     VARCHAR(64)  NOT NULL,
    merchant_ref VARCHAR(40)  NOT NULL,
    order_id     VARCHAR(64)  NOT NULL,
    amount_cents BIGINT       NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    refund_id    VARCHAR(64)  NULL,
    created_at   DATETIME(3)  NOT NULL,
    paid_at      DATETIME(3)  NULL,
    refunded_at  DATETIME(3)  NULL,
    PRIMARY KEY (channel, trade_no),
    UNIQUE KEY uk_sandbox_merchant_ref (channel, merchant_ref),
    KEY idx_sandbox_created (channel, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Callbacks the sandbox owes the merchant, retried with backoff until acknowledged.
CREATE TABLE sandbox_notifications (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    channel         VARCHAR(32)  NOT NULL,
    trade_no        VARCHAR(64)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    attempts        INT          NOT NULL,
    next_attempt_at DATETIME(3)  NOT NULL,
    last_error      VARCHAR(255) NULL,
    created_at      DATETIME(3)  NOT NULL,
    acked_at        DATETIME(3)  NULL,
    PRIMARY KEY (id),
    KEY idx_sandbox_notifications_due (status, next_attempt_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
