package io.flashsale.order.cancellation;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** The order is paid; a paid order is refunded, not cancelled. */
class OrderNotCancellable extends ApiProblem {

	OrderNotCancellable(String orderId) {
		super(HttpStatus.CONFLICT, "order-not-cancellable", "Order not cancellable",
				"Order " + orderId + " is paid and can no longer be cancelled.");
	}

}
