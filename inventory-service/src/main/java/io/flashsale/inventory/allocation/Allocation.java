package io.flashsale.inventory.allocation;

/**
 * A flash sale's allocation as the allocating admin sees it.
 *
 * @param flashSaleId the sale
 * @param skuId the SKU the stock came from
 * @param allocated units given to the sale
 * @param remaining units no placed order has taken yet
 */
record Allocation(long flashSaleId, long skuId, int allocated, int remaining) {

	static Allocation of(FlashSaleStock stock) {
		return new Allocation(stock.flashSaleId(), stock.skuId(), stock.allocated(), stock.remaining());
	}

}
