-- Idempotent consumers record each message they handled, in the same transaction as
-- its effect (see io.flashsale.platform.messaging.ProcessedMessages).
CREATE TABLE processed_message (
    consumer     VARCHAR(100) NOT NULL,
    message_id   VARCHAR(64)  NOT NULL,
    processed_at TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (consumer, message_id),
    KEY processed_message_age (processed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
