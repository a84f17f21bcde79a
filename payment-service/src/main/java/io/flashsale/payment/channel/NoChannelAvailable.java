package io.flashsale.payment.channel;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** Every channel a payment could go to is down or taken out by its circuit breaker. */
public class NoChannelAvailable extends ApiProblem {

	public NoChannelAvailable() {
		super(HttpStatus.SERVICE_UNAVAILABLE, "channel-unavailable", "No payment channel available",
				"No payment channel can take the payment now; try again shortly.");
	}

}
