package io.flashsale.order.checkout;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** The shopper would hold more than the sale's per-user limit. */
class LimitExceeded extends ApiProblem {

	LimitExceeded(String detail) {
		super(HttpStatus.CONFLICT, "limit-exceeded", "Purchase limit reached", detail);
	}

}
