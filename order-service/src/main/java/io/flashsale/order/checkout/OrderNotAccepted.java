package io.flashsale.order.checkout;

import java.util.Map;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * The reservation could not be handed to the order writer; it was released, so retrying
 * is safe.
 */
class OrderNotAccepted extends ApiProblem {

	OrderNotAccepted(String detail) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "order-not-accepted", "Order not accepted", detail);
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of(RETRY_AFTER_SECONDS, 1);
	}

}
