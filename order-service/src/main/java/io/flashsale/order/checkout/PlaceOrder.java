package io.flashsale.order.checkout;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * A shopper's purchase request. Price and buyer never come from the client: the price is
 * the sale's, the buyer is the token's subject.
 *
 * @param flashSaleId the sale
 * @param quantity units wanted; at most the sale's per-user limit
 */
record PlaceOrder(@NotNull @Positive Long flashSaleId, @NotNull @Min(1) @Max(1000) Integer quantity) {

	/** What makes two requests under one idempotency key the same request. */
	String fingerprint() {
		return this.flashSaleId + ":" + this.quantity;
	}

}
