package io.flashsale.inventory.warmup;

/**
 * The answer to an admin warm-up.
 *
 * @param flashSaleId the sale
 * @param warmed whether this call created the counters ({@code false}: they existed)
 * @param redisRemaining units left in Redis afterwards
 */
record WarmUpResult(long flashSaleId, boolean warmed, long redisRemaining) {

}
