/**
 * Kafka events: the envelope's JSON and its reader, the outbox that publishes them, dead
 * letters, and idempotent consumption (a processed-message record written in the
 * consumer's own transaction).
 */
package io.flashsale.platform.messaging;
