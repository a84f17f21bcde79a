-- Callback nonces a channel used for notifications that were applied, written in the
-- transaction of the change they authorised: a delivery whose change rolled back leaves
-- no nonce, so the channel's retry applies it. The body's hash tells an identical
-- redelivery (answered success, nothing changes) from a replay with another body
-- (refused).
CREATE TABLE callback_nonces (
    channel     VARCHAR(32) NOT NULL,
    nonce       VARCHAR(64) NOT NULL,
    body_sha256 CHAR(64)    NOT NULL,
    payment_id  VARCHAR(40) NOT NULL,
    recorded_at DATETIME(3) NOT NULL,
    PRIMARY KEY (channel, nonce),
    KEY idx_callback_nonces_recorded (recorded_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
