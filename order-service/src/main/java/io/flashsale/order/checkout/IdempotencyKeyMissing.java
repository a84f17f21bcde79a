package io.flashsale.order.checkout;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** A purchase needs an Idempotency-Key header, or is invalid. */
class IdempotencyKeyMissing extends ApiProblem {

	IdempotencyKeyMissing(String detail) {
		super(HttpStatus.BAD_REQUEST, "idempotency-key-missing", "Idempotency key required", detail);
	}

}
