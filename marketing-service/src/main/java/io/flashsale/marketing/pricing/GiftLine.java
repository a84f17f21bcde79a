package io.flashsale.marketing.pricing;

/**
 * A zero-priced line a gift promotion adds.
 *
 * @param skuId the SKU given
 * @param quantity units given
 * @param promotionId the gift promotion
 */
public record GiftLine(long skuId, int quantity, long promotionId) {

}
