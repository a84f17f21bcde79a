package io.flashsale.order.orders;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** The path does not carry an order id this service issues. */
class InvalidOrderId extends ApiProblem {

	InvalidOrderId() {
		super(HttpStatus.BAD_REQUEST, "invalid-order-id", "Invalid order id",
				"Order ids look like <flashSaleId>-<32 hex digits>.");
	}

}
