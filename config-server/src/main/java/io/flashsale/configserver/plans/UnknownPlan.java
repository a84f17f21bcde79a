package io.flashsale.configserver.plans;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** A plan that config-repo/plans.yml does not define. */
class UnknownPlan extends ApiProblem {

	UnknownPlan(String name) {
		super(HttpStatus.NOT_FOUND, "unknown-plan", "Unknown plan",
				"There is no plan '" + name + "'; GET /api/admin/plans lists them.");
	}

}
