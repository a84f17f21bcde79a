package io.flashsale.marketing.flashsale;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** inventory-service has fewer units of the SKU than the sale asks for. */
class InsufficientStock extends ApiProblem {

	InsufficientStock() {
		super(HttpStatus.CONFLICT, "insufficient-stock", "Insufficient stock",
				"The SKU has fewer units in stock than the sale asks for.");
	}

}
