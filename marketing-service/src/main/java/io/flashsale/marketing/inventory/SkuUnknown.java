package io.flashsale.marketing.inventory;

/**
 * inventory-service answered that it knows no SKU with this id: a definite no.
 */
public class SkuUnknown extends RuntimeException {

	private final long skuId;

	SkuUnknown(long skuId) {
		super("SKU " + skuId + " is unknown", null, false, false);
		this.skuId = skuId;
	}

	public long skuId() {
		return this.skuId;
	}

}
