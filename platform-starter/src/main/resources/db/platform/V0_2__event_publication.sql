-- The transactional outbox: Spring Modulith's event publication registry (schema v2 for
-- MariaDB/MySQL, as shipped in spring-modulith-events-jdbc). A row is written in the
-- transaction that publishes the event and deleted once Kafka has acknowledged it; rows
-- left behind are resubmitted. The name is upper case because Modulith's SQL spells it so
-- and MariaDB table names are case-sensitive on Linux.
CREATE TABLE IF NOT EXISTS EVENT_PUBLICATION
(
  ID                     VARCHAR(36)  NOT NULL,
  LISTENER_ID            VARCHAR(512) NOT NULL,
  EVENT_TYPE             VARCHAR(512) NOT NULL,
  SERIALIZED_EVENT       VARCHAR(4000) NOT NULL,
  PUBLICATION_DATE       TIMESTAMP(6) NOT NULL,
  COMPLETION_DATE        TIMESTAMP(6) DEFAULT NULL NULL,
  STATUS                 VARCHAR(20),
  COMPLETION_ATTEMPTS    INT,
  LAST_RESUBMISSION_DATE TIMESTAMP(6),
  PRIMARY KEY (ID),
  INDEX EVENT_PUBLICATION_BY_COMPLETION_DATE_IDX (COMPLETION_DATE)
);
