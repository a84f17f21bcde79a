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
 * @param paymentId the payment the order kept, once PAID
 * @param paidAt when it was paid
 * @param cancelledAt when it was cancelled, once CANCELLED
 * @param cancelReason {@code expired} (unpaid at the deadline) or {@code shopper}
 */
public record OrderView(String orderId, OrderStatus status, long flashSaleId, int quantity, Long unitPriceCents,
		Long totalCents, Instant payDeadline, Instant createdAt, String paymentId, Instant paidAt, Instant cancelledAt,
		String cancelReason) {

	public static OrderView of(Order order) {
		return new OrderView(order.id(), order.status(), order.flashSaleId(), order.quantity(), order.unitPriceCents(),
				order.totalCents(), order.payDeadline(), order.createdAt(), order.paymentId(), order.paidAt(),
				order.cancelledAt(), order.cancelReason());
	}

	static OrderView processing(String orderId, long flashSaleId, int quantity, Instant reservedAt) {
		return new OrderView(orderId, OrderStatus.PROCESSING, flashSaleId, quantity, null, null, null, reservedAt, null,
				null, null, null);
	}

}
