package io.flashsale.inventory.allocation;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** The SKU has fewer unallocated units than the allocation asks for. */
class InsufficientStock extends ApiProblem {

	InsufficientStock(long skuId, int quantity) {
		super(HttpStatus.CONFLICT, "insufficient-stock", "Insufficient stock",
				"SKU " + skuId + " has fewer than " + quantity + " unallocated units.");
	}

}
