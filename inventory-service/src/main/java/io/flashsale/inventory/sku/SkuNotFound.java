package io.flashsale.inventory.sku;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** No SKU has the given id. */
public class SkuNotFound extends ApiProblem {

	public SkuNotFound(long skuId) {
		super(HttpStatus.NOT_FOUND, "sku-not-found", "SKU not found", "No SKU has id " + skuId + ".");
	}

}
