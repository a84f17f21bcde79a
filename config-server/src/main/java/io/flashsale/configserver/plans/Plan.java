package io.flashsale.configserver.plans;

import java.util.List;

/**
 * A named set of switch values from config-repo/plans.yml.
 *
 * @param name the plan's name
 * @param description what it is for
 * @param values its switch values
 * @param problems why it cannot be applied (unknown keys, wrong values); empty when it
 * can
 */
record Plan(String name, String description, List<PlanValue> values, List<String> problems) {

	/**
	 * One value of a plan.
	 *
	 * @param application the application, or {@code null} for every application
	 * @param key the switch
	 * @param value the value
	 */
	record PlanValue(String application, String key, Object value) {

	}

}
