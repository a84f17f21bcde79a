package io.flashsale.inventory.sku;

/**
 * A SKU as its creator sees it.
 *
 * @param id the SKU
 * @param name what it is called
 * @param stock units not allocated to any flash sale
 * @param shopId the shop that sells it
 * @param listPriceMinor the list price of record per unit, in minor units
 * @param currency the ISO 4217 code of the price
 */
record SkuDetails(long id, String name, int stock, long shopId, Long listPriceMinor, String currency) {

}
