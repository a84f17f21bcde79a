package io.flashsale.payment.payments;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** The order is not waiting for payment: still processing, already paid, or cancelled. */
class OrderNotPayable extends ApiProblem {

	OrderNotPayable(String orderId, String status) {
		super(HttpStatus.CONFLICT, "order-not-payable", "Order not payable",
				"Order " + orderId + " is " + status + "; only an order pending payment can be paid.");
	}

}
