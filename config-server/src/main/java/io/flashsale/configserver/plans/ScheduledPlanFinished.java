package io.flashsale.configserver.plans;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** A cancellation of a scheduled plan that has nothing left to do. */
class ScheduledPlanFinished extends ApiProblem {

	ScheduledPlanFinished(String id, ScheduledPlan.Status status) {
		super(HttpStatus.CONFLICT, "scheduled-plan-finished", "Scheduled plan finished", "Scheduled plan '" + id
				+ "' is " + status.name().toLowerCase(java.util.Locale.ROOT) + "; there is nothing left to cancel.");
	}

}
