/**
 * Idempotent consumption: a processed-message record written in the consumer's own
 * transaction.
 */
package io.flashsale.platform.messaging;
