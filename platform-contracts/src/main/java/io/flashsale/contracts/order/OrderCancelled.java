package io.flashsale.contracts.order;

import java.time.Instant;

/**
 * An unpaid order was cancelled. It is published once per order, because only one
 * conditional update from PENDING_PAYMENT wins. inventory-service returns its units to
 * the sale's Redis counter and database stock, restoring the buyer's limit, exactly once.
 *
 * @param orderId the order
 * @param flashSaleId the sale
 * @param skuId the item
 * @param userId the buyer
 * @param quantity units to return
 * @param reason {@code expired} (the pay deadline passed) or {@code shopper} (the buyer
 * cancelled); readers treat an unknown reason like {@code expired}
 * @param cancelledAt when the cancellation committed
 */
public record OrderCancelled(String orderId, long flashSaleId, long skuId, String userId, int quantity, String reason,
		Instant cancelledAt) {

	public static final String EXPIRED = "expired";

	public static final String SHOPPER = "shopper";

}
