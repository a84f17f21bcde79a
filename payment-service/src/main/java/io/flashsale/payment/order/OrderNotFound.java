package io.flashsale.payment.order;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** order-service does not show the caller this order: unknown, or another shopper's. */
public class OrderNotFound extends ApiProblem {

	OrderNotFound(String orderId) {
		super(HttpStatus.NOT_FOUND, "order-not-found", "Order not found", "No order " + orderId + " of yours.");
	}

}
