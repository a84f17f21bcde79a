package io.flashsale.order.checkout;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** Fewer units are left than were asked for. */
class SoldOut extends ApiProblem {

	SoldOut(String detail) {
		super(HttpStatus.CONFLICT, "sold-out", "Sold out", detail);
	}

}
