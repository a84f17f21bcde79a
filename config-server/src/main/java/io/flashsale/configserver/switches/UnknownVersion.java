package io.flashsale.configserver.switches;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** A rollback to a version that was never made. */
class UnknownVersion extends ApiProblem {

	UnknownVersion(long version) {
		super(HttpStatus.NOT_FOUND, "unknown-version", "Unknown version", "There is no version " + version + ".");
	}

}
