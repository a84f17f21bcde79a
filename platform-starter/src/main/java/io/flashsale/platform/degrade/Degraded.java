package io.flashsale.platform.degrade;

import java.util.Map;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * A shed endpoint without a fallback: 503 {@code degraded}. The caller may retry after
 * {@code retryAfterSeconds} (also sent as {@code Retry-After}).
 */
public class Degraded extends ApiProblem {

	private final long retryAfterSeconds;

	/**
	 * For a fallback that has nothing to answer: the shedding aspect turns it into its
	 * own 503 with the configured {@code Retry-After}.
	 * @param grade the shed endpoint's grade
	 */
	public Degraded(Grade grade) {
		this(grade, 30);
	}

	public Degraded(Grade grade, long retryAfterSeconds) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "degraded", "Degraded",
				"This " + grade.tag() + " function is switched off to protect the sale. Retry later.");
		this.retryAfterSeconds = retryAfterSeconds;
	}

	public long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("retryAfterSeconds", this.retryAfterSeconds);
	}

}
