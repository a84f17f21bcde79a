package io.flashsale.stock;

import java.time.Instant;

/**
 * One purchase attempt as the reservation script sees it.
 *
 * @param flashSaleId the sale
 * @param orderId the id the order gets if stock is reserved
 * @param userId the buyer, from the validated token
 * @param quantity units wanted
 * @param idempotencyKey the client's key for this attempt
 * @param requestHash a digest of the request body, to tell a replay from a reused key
 * @param now the instant the window is checked against
 */
public record ReserveCommand(long flashSaleId, String orderId, String userId, int quantity, String idempotencyKey,
		String requestHash, Instant now) {

	String idempotencyField() {
		return this.userId + ":" + this.idempotencyKey;
	}

}
