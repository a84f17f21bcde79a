package io.flashsale.configserver.switches;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * A switch value of the wrong type or out of range, or a switch set where it does not
 * apply.
 */
public class InvalidSwitchValue extends ApiProblem {

	public InvalidSwitchValue(String detail) {
		super(HttpStatus.BAD_REQUEST, "invalid-switch-value", "Invalid switch value", detail);
	}

}
