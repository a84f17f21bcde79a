package io.flashsale.marketing.inventory;

/**
 * Stock inventory-service holds for one flash sale.
 *
 * @param flashSaleId the sale
 * @param skuId the item
 * @param allocated units taken from the SKU's stock for the sale
 * @param remaining units of the allocation not yet ordered
 */
public record StockAllocation(long flashSaleId, long skuId, int allocated, int remaining) {

}
