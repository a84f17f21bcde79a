package io.flashsale.marketing.flashsale;

import java.util.List;
import java.util.Map;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** An {@code Idempotency-Key} header that is not 1 to 64 visible ASCII characters. */
class InvalidIdempotencyKey extends ApiProblem {

	InvalidIdempotencyKey() {
		super(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", "The request has invalid values.");
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("errors",
				List.of(Map.of("field", "Idempotency-Key", "message", "must be 1 to 64 visible ASCII characters")));
	}

}
