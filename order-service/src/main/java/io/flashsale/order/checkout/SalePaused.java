package io.flashsale.order.checkout;

import java.util.Map;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * The sale's counters are not available; purchases wait rather than guess (fail closed).
 */
class SalePaused extends ApiProblem {

	private final long retryAfterSeconds;

	SalePaused(String detail, long retryAfterSeconds) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "sale-paused", "Sale paused", detail);
		this.retryAfterSeconds = retryAfterSeconds;
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of(RETRY_AFTER_SECONDS, this.retryAfterSeconds);
	}

}
