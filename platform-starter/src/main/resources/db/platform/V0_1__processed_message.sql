-- Platform table in every service schema: idempotent consumers record each message they
-- handled, in the same transaction as its effect (io.flashsale.platform.messaging.ProcessedMessages).
-- Versioned 0.x so it never collides with a service's own V1 and later.
CREATE TABLE processed_message (
    consumer     VARCHAR(100) NOT NULL,
    message_id   VARCHAR(64)  NOT NULL,
    processed_at TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (consumer, message_id),
    KEY processed_message_age (processed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
