package io.flashsale.inventory.warmup;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * The sale's counters were warmed and orders were placed against them, but they are gone
 * from Redis. Warming again would hand out the whole allocation a second time.
 */
class CountersLiveOrUsed extends ApiProblem {

	CountersLiveOrUsed(long flashSaleId, int ordersApplied) {
		super(HttpStatus.CONFLICT, "counters-live-or-used", "Counters live or used",
				"Flash sale " + flashSaleId + " already has " + ordersApplied
						+ " placed orders; its counters must be rebuilt from the database, not warmed again.");
	}

}
