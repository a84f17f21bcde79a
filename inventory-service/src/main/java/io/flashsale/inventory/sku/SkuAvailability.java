package io.flashsale.inventory.sku;

/**
 * A SKU as any signed-in caller sees it.
 *
 * @param id the SKU
 * @param name what it is called
 * @param available units not allocated to any flash sale
 * @param shopId the shop that sells it
 * @param listPriceMinor the list price of record per unit, in minor units; null for a SKU
 * created before prices existed (it cannot be quoted)
 * @param currency the ISO 4217 code of the price
 */
record SkuAvailability(long id, String name, int available, long shopId, Long listPriceMinor, String currency) {

}
