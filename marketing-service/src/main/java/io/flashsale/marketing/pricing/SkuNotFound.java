package io.flashsale.marketing.pricing;

import java.util.Map;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * A line names a SKU inventory-service does not know. 422: the quote collection exists; a
 * value in the body refers to nothing.
 */
class SkuNotFound extends ApiProblem {

	private final long skuId;

	SkuNotFound(long skuId) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "sku-not-found", "SKU not found",
				"inventory-service knows no SKU with id " + skuId + ".");
		this.skuId = skuId;
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("skuId", this.skuId);
	}

}
