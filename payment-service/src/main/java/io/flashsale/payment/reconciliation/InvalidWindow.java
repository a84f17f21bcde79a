package io.flashsale.payment.reconciliation;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** The reconciliation window is empty, reversed or too long. */
class InvalidWindow extends ApiProblem {

	InvalidWindow(String detail) {
		super(HttpStatus.BAD_REQUEST, "invalid-window", "Invalid window", detail);
	}

}
