package io.flashsale.marketing.pricing;

import java.time.Instant;
import java.util.Currency;
import java.util.Set;

import io.flashsale.contracts.Money;

/**
 * A row of {@code promotion}, without its SKUs ({@code promotion_sku}).
 */
record PromotionRow(long id, String name, String kind, String currency, Long shopId, Long amountOffMinor,
		int percentOffBasisPoints, Integer bundleQuantity, Long bundlePriceMinor, Long thresholdMinor, Long giftSkuId,
		Integer giftQuantity, Instant startsAt, Instant endsAt, Instant endedAt, String createdBy, Instant createdAt) {

	Promotion toPromotion(Set<Long> skuIds) {
		Currency unit = Currency.getInstance(this.currency);
		return new Promotion(this.id, this.name, Stage.valueOf(this.kind), unit, skuIds, this.shopId,
				money(this.amountOffMinor, unit), this.percentOffBasisPoints,
				(this.bundleQuantity != null) ? this.bundleQuantity : 0, money(this.bundlePriceMinor, unit),
				money(this.thresholdMinor, unit), (this.giftSkuId != null) ? this.giftSkuId : 0,
				(this.giftQuantity != null) ? this.giftQuantity : 0, this.startsAt, this.endsAt);
	}

	PromotionView toView(Set<Long> skuIds, Instant now) {
		return new PromotionView(this.id, this.name, Stage.valueOf(this.kind), this.currency, skuIds, this.shopId,
				this.amountOffMinor, (this.percentOffBasisPoints != 0) ? this.percentOffBasisPoints : null,
				this.bundleQuantity, this.bundlePriceMinor, this.thresholdMinor, this.giftSkuId, this.giftQuantity,
				this.startsAt, this.endsAt, this.endedAt, status(now), this.createdBy, this.createdAt);
	}

	private PromotionView.Status status(Instant now) {
		if (this.endedAt != null || !now.isBefore(this.endsAt)) {
			return PromotionView.Status.ENDED;
		}
		return now.isBefore(this.startsAt) ? PromotionView.Status.SCHEDULED : PromotionView.Status.ACTIVE;
	}

	private static Money money(Long minor, Currency currency) {
		return (minor != null) ? Money.of(minor, currency) : null;
	}

}
