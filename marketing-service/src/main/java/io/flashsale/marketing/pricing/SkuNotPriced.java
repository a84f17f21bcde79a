package io.flashsale.marketing.pricing;

import java.util.Map;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * A line names a SKU with no list price of record (created before prices existed): no
 * price can be quoted, and none is ever taken from the client.
 */
class SkuNotPriced extends ApiProblem {

	private final long skuId;

	SkuNotPriced(long skuId) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "sku-not-priced", "SKU has no list price",
				"SKU " + skuId + " has no list price of record and cannot be quoted.");
		this.skuId = skuId;
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("skuId", this.skuId);
	}

}
