package io.flashsale.inventory.warmup;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** The sale's window is not known yet: no {@code FlashSaleScheduled} was consumed. */
class SaleNotScheduled extends ApiProblem {

	SaleNotScheduled(long flashSaleId) {
		super(HttpStatus.CONFLICT, "sale-not-scheduled", "Sale not scheduled",
				"Flash sale " + flashSaleId + " has no window yet; it is warmed once it is scheduled.");
	}

}
