package io.flashsale.inventory.sku;

/**
 * A SKU as any signed-in caller sees it.
 *
 * @param id the SKU
 * @param name what it is called
 * @param available units not allocated to any flash sale
 */
record SkuAvailability(long id, String name, int available) {

}
