package io.flashsale.configserver.plans;

import java.util.List;
import java.util.Map;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * A plan whose values do not fit the switch catalog: config-repo/plans.yml needs a fix.
 */
class InvalidPlan extends ApiProblem {

	private final List<String> problems;

	InvalidPlan(String name, List<String> problems) {
		super(HttpStatus.CONFLICT, "invalid-plan", "Invalid plan",
				"Plan '" + name + "' cannot be applied: " + String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("problems", this.problems);
	}

}
