package io.flashsale.order.orders;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** The order is accepted but not written yet, so it cannot change; retry shortly. */
class OrderProcessing extends ApiProblem {

	OrderProcessing(String orderId) {
		super(HttpStatus.CONFLICT, "order-processing", "Order still processing",
				"Order " + orderId + " is still being placed; retry in a moment.");
	}

}
