package io.flashsale.marketing.flashsale;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * The request names a SKU inventory-service does not know. 422, not 404: the resource
 * addressed (the flash-sale collection) exists; a value in the body refers to nothing.
 */
class SkuNotFound extends ApiProblem {

	SkuNotFound() {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "sku-not-found", "SKU not found",
				"inventory-service knows no SKU with that skuId.");
	}

}
