package io.flashsale.paymentsandbox;

import java.time.Instant;

/**
 * A callback a sandbox wallet owes the merchant.
 *
 * @param id its id
 * @param channel the wallet
 * @param tradeNo the trade it reports
 * @param status PENDING, ACKED, DROPPED (lost on purpose) or GAVE_UP
 * @param attempts deliveries so far
 * @param nextAttemptAt when it is due
 * @param lastError what the last failed delivery got
 * @param createdAt when the trade's outcome was decided
 * @param ackedAt when the merchant acknowledged it
 */
record SandboxNotification(long id, String channel, String tradeNo, String status, int attempts, Instant nextAttemptAt,
		String lastError, Instant createdAt, Instant ackedAt) {

}
