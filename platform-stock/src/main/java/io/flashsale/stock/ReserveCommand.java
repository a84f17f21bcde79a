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
		return idempotencyField(this.userId, this.idempotencyKey);
	}

	/**
	 * The field under which a purchase's idempotency record is kept. The separator is a
	 * character neither a user id nor a key may contain, so two users' fields never
	 * collide.
	 * @param userId the buyer
	 * @param idempotencyKey the client's key
	 * @return the field, as {@link StockCounters#idempotencyRecords} lists it
	 */
	public static String idempotencyField(String userId, String idempotencyKey) {
		return userId + "|" + idempotencyKey;
	}

}
