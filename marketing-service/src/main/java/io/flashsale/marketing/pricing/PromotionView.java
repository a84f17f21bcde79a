package io.flashsale.marketing.pricing;

import java.time.Instant;
import java.util.Set;

/**
 * A promotion as admins see it; amounts in minor units of {@code currency}, fields of
 * other kinds null.
 *
 * @param id the promotion
 * @param name what shoppers see
 * @param kind ITEM, BUNDLE, SHOP, PLATFORM or GIFT
 * @param currency ISO 4217 code
 * @param skuIds ITEM and BUNDLE: the SKUs covered
 * @param shopId SHOP: the shop
 * @param amountOffMinor the saving (ITEM per unit)
 * @param percentOffBasisPoints ITEM: the cut in basis points
 * @param bundleQuantity BUNDLE: units per bundle
 * @param bundlePriceMinor BUNDLE: price of one bundle
 * @param thresholdMinor SHOP, PLATFORM, GIFT: the amount needed
 * @param giftSkuId GIFT: the SKU given
 * @param giftQuantity GIFT: units given
 * @param startsAt first instant it applies
 * @param endsAt first instant it no longer applies
 * @param endedAt when an admin ended it early, or null
 * @param status SCHEDULED, ACTIVE or ENDED now
 * @param createdBy the admin who created it
 * @param createdAt when
 */
record PromotionView(long id, String name, Stage kind, String currency, Set<Long> skuIds, Long shopId,
		Long amountOffMinor, Integer percentOffBasisPoints, Integer bundleQuantity, Long bundlePriceMinor,
		Long thresholdMinor, Long giftSkuId, Integer giftQuantity, Instant startsAt, Instant endsAt, Instant endedAt,
		Status status, String createdBy, Instant createdAt) {

	enum Status {

		SCHEDULED, ACTIVE, ENDED

	}

}
