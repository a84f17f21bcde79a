package io.flashsale.marketing.flashsale;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * inventory-service already holds a different allocation under this sale's id, which only
 * stale inventory data can cause.
 */
class AllocationConflict extends ApiProblem {

	AllocationConflict() {
		super(HttpStatus.CONFLICT, "allocation-conflict", "Allocation conflict",
				"inventory-service holds a different allocation for this sale.");
	}

}
