-- The order lifecycle: PENDING_PAYMENT -> PAID (the kept payment) | CANCELLED (why, when).
-- Each transition is one conditional UPDATE ... WHERE status = 'PENDING_PAYMENT'.
ALTER TABLE orders
    ADD COLUMN payment_id    VARCHAR(64) NULL AFTER status,
    ADD COLUMN paid_at       DATETIME(3) NULL AFTER payment_id,
    ADD COLUMN cancel_reason VARCHAR(32) NULL AFTER paid_at,
    ADD COLUMN cancelled_at  DATETIME(3) NULL AFTER cancel_reason;
