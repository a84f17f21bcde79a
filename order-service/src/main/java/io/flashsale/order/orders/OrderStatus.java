package io.flashsale.order.orders;

/** Where an order is in its life. */
public enum OrderStatus {

	/** Reserved in Redis, not yet written; only ever shown, never stored. */
	PROCESSING,
	/** Written, waiting for payment until its deadline. */
	PENDING_PAYMENT,
	/** Paid; the order keeps the one payment that paid it. */
	PAID,
	/**
	 * Cancelled (unpaid at its deadline, or by the shopper); inventory-service returns
	 * its stock when it reads {@code OrderCancelled}.
	 */
	CANCELLED

}
