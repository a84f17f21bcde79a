package io.flashsale.marketing.flashsale;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** The caller already used this {@code Idempotency-Key} for a different request. */
class IdempotencyKeyReused extends ApiProblem {

	IdempotencyKeyReused() {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused",
				"This Idempotency-Key was used with a different request body.");
	}

}
