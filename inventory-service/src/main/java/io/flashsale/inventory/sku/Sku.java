package io.flashsale.inventory.sku;

/**
 * A row of {@code sku}.
 *
 * @param id the SKU
 * @param name what it is called
 * @param stock units not allocated to any flash sale
 * @param shopId the shop that sells it
 * @param listPriceMinor the list price per unit in minor units; null for a SKU created
 * before prices existed
 * @param currency the ISO 4217 code of the price
 */
record Sku(long id, String name, int stock, long shopId, Long listPriceMinor, String currency) {

}
