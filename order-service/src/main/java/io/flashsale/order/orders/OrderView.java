package io.flashsale.order.orders;

import java.time.Instant;

/**
 * An order as its owner sees it. While the order is still being written only the fields
 * the reservation knows are set.
 *
 * @param orderId the order
 * @param status PROCESSING until written, then its stored status
 * @param flashSaleId the sale
 * @param quantity units bought
 * @param unitPriceCents price per unit, once written
 * @param totalCents what is owed, once written
 * @param payDeadline when an unpaid order is cancelled, once written
 * @param createdAt when the stock was reserved
 */
record OrderView(String orderId, OrderStatus status, long flashSaleId, int quantity, Long unitPriceCents,
		Long totalCents, Instant payDeadline, Instant createdAt) {

	static OrderView of(Order order) {
		return new OrderView(order.id(), order.status(), order.flashSaleId(), order.quantity(), order.unitPriceCents(),
				order.totalCents(), order.payDeadline(), order.createdAt());
	}

}
