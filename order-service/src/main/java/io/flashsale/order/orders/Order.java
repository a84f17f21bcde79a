package io.flashsale.order.orders;

import java.time.Instant;

/**
 * An order row.
 *
 * @param id the order id ({@link OrderIds})
 * @param userId the buyer
 * @param flashSaleId the sale
 * @param skuId the item
 * @param quantity units bought
 * @param unitPriceCents the sale price when it was reserved
 * @param totalCents what is owed
 * @param status its state
 * @param payDeadline when it is cancelled if unpaid
 * @param createdAt when the shopper's stock was reserved
 */
public record Order(String id, String userId, long flashSaleId, long skuId, int quantity, long unitPriceCents,
		long totalCents, OrderStatus status, Instant payDeadline, Instant createdAt) {

}
