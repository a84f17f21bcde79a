package io.flashsale.order.checkout;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** The key was already used with a different request body. */
class IdempotencyKeyReused extends ApiProblem {

	IdempotencyKeyReused(String detail) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused", detail);
	}

}
