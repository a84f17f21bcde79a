package io.flashsale.payment.channel;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** The request names a channel this service does not offer. */
public class UnknownChannel extends ApiProblem {

	UnknownChannel(String channel) {
		super(HttpStatus.BAD_REQUEST, "unknown-channel", "Unknown channel",
				"No payment channel named '" + channel + "' is offered.");
	}

}
