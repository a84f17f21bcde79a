package io.flashsale.configserver.plans;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** A scheduled plan id that does not exist. */
class UnknownScheduledPlan extends ApiProblem {

	UnknownScheduledPlan(String id) {
		super(HttpStatus.NOT_FOUND, "unknown-scheduled-plan", "Unknown scheduled plan",
				"There is no scheduled plan '" + id + "'.");
	}

}
