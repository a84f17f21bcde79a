package io.flashsale.inventory.sku;

/**
 * A SKU as its creator sees it.
 *
 * @param id the SKU
 * @param name what it is called
 * @param stock units not allocated to any flash sale
 */
record SkuDetails(long id, String name, int stock) {

}
