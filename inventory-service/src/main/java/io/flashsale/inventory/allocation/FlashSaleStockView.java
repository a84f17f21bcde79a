package io.flashsale.inventory.allocation;

/**
 * A flash sale's stock in the database and in Redis, for ops and for order-service's
 * reconciliation.
 *
 * @param flashSaleId the sale
 * @param skuId the SKU the stock came from
 * @param allocated units given to the sale
 * @param remaining units no placed order has taken yet (database)
 * @param ordersApplied placed orders taken off {@code remaining}
 * @param warmed whether the Redis counters were created
 * @param redisRemaining units left in Redis, -1 if the counters do not exist
 */
record FlashSaleStockView(long flashSaleId, long skuId, int allocated, int remaining, int ordersApplied, boolean warmed,
		long redisRemaining) {

}
