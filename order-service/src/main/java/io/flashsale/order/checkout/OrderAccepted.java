package io.flashsale.order.checkout;

/**
 * The 202 answer to an accepted purchase; the order is written asynchronously.
 *
 * @param orderId poll {@code GET /api/orders/{orderId}}
 * @param status always {@code PROCESSING} at acceptance
 */
record OrderAccepted(String orderId, String status) {

	static OrderAccepted of(String orderId) {
		return new OrderAccepted(orderId, "PROCESSING");
	}

}
