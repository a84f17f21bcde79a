package io.flashsale.marketing.flashsale;

import java.util.Map;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * No usable answer from inventory-service. The sale stays DRAFT: repeating the request
 * with the same {@code Idempotency-Key} completes it; without one it creates a new draft.
 */
class InventoryUnavailable extends ApiProblem {

	InventoryUnavailable() {
		super(HttpStatus.SERVICE_UNAVAILABLE, "inventory-unavailable", "Inventory unavailable",
				"Stock could not be allocated right now; retry with the same Idempotency-Key.");
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("retryAfterSeconds", 5);
	}

}
