package io.flashsale.contracts.marketing;

import java.time.Instant;

/**
 * A flash sale's campaign data as of now: published when it is scheduled and again
 * whenever it is republished, so the latest record per sale is authoritative.
 *
 * @param flashSaleId the sale
 * @param skuId the item on sale
 * @param title what shoppers see
 * @param priceCents the sale price per unit, in minor units
 * @param stock units allocated to the sale
 * @param perUserLimit most units one shopper may hold
 * @param startsAt first instant purchases are accepted
 * @param endsAt first instant purchases are refused again (exclusive end)
 * @param payTimeoutSeconds how long an order waits for payment
 */
public record FlashSaleScheduled(long flashSaleId, long skuId, String title, long priceCents, int stock,
		int perUserLimit, Instant startsAt, Instant endsAt, long payTimeoutSeconds) {

}
