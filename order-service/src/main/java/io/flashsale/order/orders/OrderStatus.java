package io.flashsale.order.orders;

/** Where an order is in its life. */
public enum OrderStatus {

	/** Reserved in Redis, not yet written; only ever shown, never stored. */
	PROCESSING,
	/** Written, waiting for payment until its deadline. */
	PENDING_PAYMENT,
	/** Paid. */
	PAID,
	/** Cancelled; its stock went back. */
	CANCELLED

}
