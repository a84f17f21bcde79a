package io.flashsale.marketing.pricing;

/** A row of {@code promotion_sku}. */
record PromotionSku(long promotionId, long skuId) {

}
