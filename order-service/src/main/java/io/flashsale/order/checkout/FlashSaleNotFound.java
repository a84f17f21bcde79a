package io.flashsale.order.checkout;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** No flash sale with that id is known. */
class FlashSaleNotFound extends ApiProblem {

	FlashSaleNotFound(String detail) {
		super(HttpStatus.NOT_FOUND, "flash-sale-not-found", "Flash sale not found", detail);
	}

}
