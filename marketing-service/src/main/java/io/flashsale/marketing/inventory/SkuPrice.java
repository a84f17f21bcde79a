package io.flashsale.marketing.inventory;

import io.flashsale.contracts.Money;

/**
 * A SKU's list price of record at inventory-service.
 *
 * @param skuId the SKU
 * @param shopId the shop that sells it
 * @param listPrice the price of one unit; null when the SKU was created before prices
 * existed and has none
 */
public record SkuPrice(long skuId, long shopId, Money listPrice) {

}
