package io.flashsale.contracts.order;

import java.time.Instant;

/**
 * An order was persisted as PENDING_PAYMENT. inventory-service takes its quantity off the
 * sale's database stock, once per order id.
 *
 * @param orderId the order
 * @param flashSaleId the sale
 * @param skuId the item
 * @param userId the buyer
 * @param quantity units ordered
 * @param totalCents what the buyer owes, in minor units
 * @param payDeadline when the unpaid order is cancelled
 * @param placedAt when the stock was reserved for the order (added after version 1; null
 * from older producers)
 */
public record OrderPlaced(String orderId, long flashSaleId, long skuId, String userId, int quantity, long totalCents,
		Instant payDeadline, Instant placedAt) {

}
