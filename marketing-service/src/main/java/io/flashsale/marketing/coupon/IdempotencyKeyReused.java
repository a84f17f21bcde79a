package io.flashsale.marketing.coupon;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** Another shopper's claim of this template used this {@code Idempotency-Key}. */
class IdempotencyKeyReused extends ApiProblem {

	IdempotencyKeyReused() {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused",
				"This Idempotency-Key was used for a different claim.");
	}

}
