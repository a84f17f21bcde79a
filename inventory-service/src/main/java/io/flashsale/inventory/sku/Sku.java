package io.flashsale.inventory.sku;

/**
 * A row of {@code sku}.
 *
 * @param id the SKU
 * @param name what it is called
 * @param stock units not allocated to any flash sale
 */
record Sku(long id, String name, int stock) {

}
