package io.flashsale.inventory.allocation;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** The flash sale already has an allocation with another SKU or quantity. */
class AllocationConflict extends ApiProblem {

	AllocationConflict(FlashSaleStock existing) {
		super(HttpStatus.CONFLICT, "allocation-conflict", "Allocation conflict",
				"Flash sale " + existing.flashSaleId() + " already has " + existing.allocated() + " units of SKU "
						+ existing.skuId() + "; an allocation is never changed.");
	}

}
