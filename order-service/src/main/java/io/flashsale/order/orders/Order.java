package io.flashsale.order.orders;

import java.time.Instant;

import io.flashsale.contracts.Money;
import io.flashsale.contracts.order.OrderCancelled;
import io.flashsale.contracts.order.OrderPaid;
import io.flashsale.contracts.order.OrderPlaced;
import io.flashsale.contracts.order.OrderReserved;

/**
 * An order row. Its life is PENDING_PAYMENT → PAID | CANCELLED, and the row changes only
 * through {@link OrderLifecycle}: one conditional update from PENDING_PAYMENT per
 * transition, so of two racers exactly one wins and only the winner publishes.
 *
 * @param id the order id ({@link OrderIds})
 * @param userId the buyer
 * @param flashSaleId the sale
 * @param skuId the item
 * @param quantity units bought
 * @param unitPriceCents the sale price when it was reserved
 * @param totalCents what is owed
 * @param status its state
 * @param paymentId the payment the order kept, once PAID
 * @param paidAt when it became PAID
 * @param cancelReason why it was cancelled ({@code expired} or {@code shopper}), once
 * CANCELLED
 * @param cancelledAt when it was cancelled
 * @param payDeadline when it is cancelled if unpaid
 * @param createdAt when the shopper's stock was reserved
 */
public record Order(String id, String userId, long flashSaleId, long skuId, int quantity, long unitPriceCents,
		long totalCents, OrderStatus status, String paymentId, Instant paidAt, String cancelReason, Instant cancelledAt,
		Instant payDeadline, Instant createdAt) {

	/** A new order from its claimed reservation: unpaid until the sale's pay timeout. */
	public static Order placed(OrderReserved reserved) {
		return new Order(reserved.orderId(), reserved.userId(), reserved.flashSaleId(), reserved.skuId(),
				reserved.quantity(), reserved.unitPriceCents(), total(reserved).minor(), OrderStatus.PENDING_PAYMENT,
				null, null, null, null, reserved.reservedAt().plusSeconds(reserved.payTimeoutSeconds()),
				reserved.reservedAt());
	}

	/** Unit price times quantity, exactly (an overflow is refused, never wrapped). */
	static Money total(OrderReserved reserved) {
		return Money.of(reserved.unitPriceCents(), Money.CNY).times(reserved.quantity());
	}

	/** What the order owes. */
	public Money total() {
		return Money.of(this.totalCents, Money.CNY);
	}

	public boolean isPendingPayment() {
		return this.status == OrderStatus.PENDING_PAYMENT;
	}

	/** Whether the order is unpaid and its deadline has passed at {@code now}. */
	public boolean isOverdueAt(Instant now) {
		return isPendingPayment() && !now.isBefore(this.payDeadline);
	}

	public OrderPlaced placedEvent() {
		return new OrderPlaced(this.id, this.flashSaleId, this.skuId, this.userId, this.quantity, this.totalCents,
				this.payDeadline, this.createdAt);
	}

	OrderCancelled cancelledEvent(String reason, Instant at) {
		return new OrderCancelled(this.id, this.flashSaleId, this.skuId, this.userId, this.quantity, reason, at);
	}

	OrderPaid paidEvent(String paymentId, Instant at) {
		return new OrderPaid(this.id, this.flashSaleId, this.userId, paymentId, this.totalCents, at);
	}

	Order cancelled(String reason, Instant at) {
		return new Order(this.id, this.userId, this.flashSaleId, this.skuId, this.quantity, this.unitPriceCents,
				this.totalCents, OrderStatus.CANCELLED, null, null, reason, at, this.payDeadline, this.createdAt);
	}

	Order paid(String paymentId, Instant at) {
		return new Order(this.id, this.userId, this.flashSaleId, this.skuId, this.quantity, this.unitPriceCents,
				this.totalCents, OrderStatus.PAID, paymentId, at, null, null, this.payDeadline, this.createdAt);
	}

}
