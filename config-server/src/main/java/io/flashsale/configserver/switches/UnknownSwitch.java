package io.flashsale.configserver.switches;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** A key that is not in the switch catalog. */
public class UnknownSwitch extends ApiProblem {

	public UnknownSwitch(String key) {
		super(HttpStatus.NOT_FOUND, "unknown-switch", "Unknown switch",
				"There is no switch '" + key + "'; GET /api/admin/switches lists them.");
	}

}
