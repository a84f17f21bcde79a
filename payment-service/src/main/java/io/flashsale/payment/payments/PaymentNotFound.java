package io.flashsale.payment.payments;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** No such payment of the caller's: unknown, or another shopper's. */
class PaymentNotFound extends ApiProblem {

	PaymentNotFound(String what) {
		super(HttpStatus.NOT_FOUND, "payment-not-found", "Payment not found", "No payment of yours for " + what + ".");
	}

}
