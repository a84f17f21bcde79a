package io.flashsale.order.checkout;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * The sale's counters are not available; purchases wait rather than guess (fail closed).
 */
class SalePaused extends ApiProblem {

	SalePaused(String detail) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "sale-paused", "Sale paused", detail);
	}

}
