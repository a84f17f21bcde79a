package io.flashsale.payment.callback;

import java.util.Map;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * A callback that is not applied: nothing changed. The reason is also the metric tag of
 * {@code flashsale.payments.callbacks.rejected}.
 */
class CallbackRejected extends ApiProblem {

	private final String reason;

	CallbackRejected(HttpStatus status, String reason, String detail) {
		super(status, "callback-rejected", "Callback rejected", detail);
		this.reason = reason;
	}

	String reason() {
		return this.reason;
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("reason", this.reason);
	}

}
