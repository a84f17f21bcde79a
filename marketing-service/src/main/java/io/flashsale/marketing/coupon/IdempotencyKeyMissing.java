package io.flashsale.marketing.coupon;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** A claim needs a well-formed {@code Idempotency-Key} header. */
class IdempotencyKeyMissing extends ApiProblem {

	IdempotencyKeyMissing(String detail) {
		super(HttpStatus.BAD_REQUEST, "idempotency-key-missing", "Idempotency key required", detail);
	}

}
