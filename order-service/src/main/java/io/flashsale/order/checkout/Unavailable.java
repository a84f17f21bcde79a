package io.flashsale.order.checkout;

import java.util.Map;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * A purchase that cannot be decided right now (Redis unreachable, the catalogue still
 * loading, or a hand-off whose outcome is unknown): 503 with {@code Retry-After}. A retry
 * with the same {@code Idempotency-Key} and body is always safe: it replays the first
 * purchase if that one was accepted, and buys once otherwise.
 */
class Unavailable extends ApiProblem {

	private final long retryAfterSeconds;

	Unavailable(String code, String title, String detail, long retryAfterSeconds) {
		super(HttpStatus.SERVICE_UNAVAILABLE, code, title, detail);
		this.retryAfterSeconds = retryAfterSeconds;
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of(RETRY_AFTER_SECONDS, this.retryAfterSeconds);
	}

}
