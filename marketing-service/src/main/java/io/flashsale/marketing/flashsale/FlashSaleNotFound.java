package io.flashsale.marketing.flashsale;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** No visible sale with that id: unknown, or never scheduled. */
class FlashSaleNotFound extends ApiProblem {

	FlashSaleNotFound(long id) {
		super(HttpStatus.NOT_FOUND, "flash-sale-not-found", "Flash sale not found", "No flash sale " + id + ".");
	}

}
