package io.flashsale.marketing.pricing;

import java.util.Map;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** No usable answer from inventory-service for the list prices: nothing can be quoted. */
class InventoryUnavailable extends ApiProblem {

	InventoryUnavailable() {
		super(HttpStatus.SERVICE_UNAVAILABLE, "inventory-unavailable", "Inventory unavailable",
				"List prices could not be read right now; retry shortly.");
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of(RETRY_AFTER_SECONDS, 5);
	}

}
