package io.flashsale.inventory.allocation;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** No stock was allocated to the given flash sale. */
public class FlashSaleNotFound extends ApiProblem {

	public FlashSaleNotFound(long flashSaleId) {
		super(HttpStatus.NOT_FOUND, "flash-sale-not-found", "Flash sale not found",
				"No stock is allocated to flash sale " + flashSaleId + ".");
	}

}
