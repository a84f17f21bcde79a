package io.flashsale.order.orders;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * No order with that id belongs to the caller; another shopper's order reads the same.
 */
class OrderNotFound extends ApiProblem {

	OrderNotFound(String orderId) {
		super(HttpStatus.NOT_FOUND, "order-not-found", "Order not found", "You have no order " + orderId + ".");
	}

}
