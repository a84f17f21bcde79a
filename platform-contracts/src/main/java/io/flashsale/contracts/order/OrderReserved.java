package io.flashsale.contracts.order;

import java.time.Instant;

/**
 * Stock was reserved for a shopper in Redis; the order writer turns it into an order.
 *
 * @param orderId the order the reservation becomes
 * @param flashSaleId the sale
 * @param skuId the item
 * @param userId the buyer, from the validated token
 * @param quantity units reserved
 * @param unitPriceCents the sale price at reservation time
 * @param reservedAt when the reservation was taken
 * @param payTimeoutSeconds the sale's pay timeout, counted from {@code reservedAt}
 */
public record OrderReserved(String orderId, long flashSaleId, long skuId, String userId, int quantity,
		long unitPriceCents, Instant reservedAt, long payTimeoutSeconds) {

}
