package io.flashsale.order.checkout;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** The quantity is outside 1 to the sale's per-user limit. */
class InvalidQuantity extends ApiProblem {

	InvalidQuantity(String detail) {
		super(HttpStatus.BAD_REQUEST, "invalid-quantity", "Invalid quantity", detail);
	}

}
