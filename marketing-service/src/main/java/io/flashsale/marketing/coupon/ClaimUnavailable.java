package io.flashsale.marketing.coupon;

import java.util.Map;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * A claim that cannot be decided right now: 503 with {@code Retry-After}. Codes:
 * {@code coupon-claim-paused} (the switch, or counters lost: nothing issued),
 * {@code claim-not-accepted} (the hand-off failed and the coupon went back),
 * {@code coupon-counters-unavailable} and {@code claim-outcome-unknown} (a retry with the
 * same {@code Idempotency-Key} finds out).
 */
class ClaimUnavailable extends ApiProblem {

	private final long retryAfterSeconds;

	ClaimUnavailable(String code, String title, String detail, long retryAfterSeconds) {
		super(HttpStatus.SERVICE_UNAVAILABLE, code, title, detail);
		this.retryAfterSeconds = retryAfterSeconds;
	}

	static ClaimUnavailable paused(String detail, long retryAfterSeconds) {
		return new ClaimUnavailable("coupon-claim-paused", "Coupon claims paused", detail, retryAfterSeconds);
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of(RETRY_AFTER_SECONDS, this.retryAfterSeconds);
	}

}
