package io.flashsale.configserver.plans;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** Times of a plan application that cannot happen, such as an end before the start. */
class InvalidSchedule extends ApiProblem {

	InvalidSchedule(String detail) {
		super(HttpStatus.BAD_REQUEST, "invalid-schedule", "Invalid schedule", detail);
	}

}
