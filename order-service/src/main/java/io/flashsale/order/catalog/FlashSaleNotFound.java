package io.flashsale.order.catalog;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * order-service knows no flash sale with that id (unknown, or its event not read yet).
 */
public class FlashSaleNotFound extends ApiProblem {

	public FlashSaleNotFound(long flashSaleId) {
		super(HttpStatus.NOT_FOUND, "flash-sale-not-found", "Flash sale not found",
				"No flash sale " + flashSaleId + " is known to the purchase path.");
	}

}
