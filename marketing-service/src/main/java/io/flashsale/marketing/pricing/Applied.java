package io.flashsale.marketing.pricing;

import io.flashsale.contracts.Money;

/**
 * A promotion or coupon applied, with what it took off (a line's share of it, or its
 * whole amount in the quote's summary).
 *
 * @param kind its stage
 * @param id the promotion id, or the coupon id
 * @param name what shoppers see
 * @param amount the amount taken off, not negative
 */
public record Applied(Stage kind, String id, String name, Money amount) {

}
