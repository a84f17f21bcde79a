package io.flashsale.marketing.pricing;

import java.time.Instant;
import java.util.Currency;
import java.util.Objects;
import java.util.Set;

import io.flashsale.contracts.Money;

/**
 * A promotion as the price engine applies it. Which fields count depends on the kind;
 * {@link PromotionRules} checks them when an admin creates one.
 *
 * <ul>
 * <li>{@link Stage#ITEM}: each unit of {@code skuIds} costs {@code amountOff} less (at
 * most its price), or {@code percentOffBasisPoints} less, rounded down.</li>
 * <li>{@link Stage#BUNDLE}: every {@code bundleQuantity} units drawn from {@code skuIds}
 * cost {@code bundlePrice} together (the dearest units are bundled first).</li>
 * <li>{@link Stage#SHOP}: {@code shopId}'s lines reaching {@code threshold} save
 * {@code amountOff}.</li>
 * <li>{@link Stage#PLATFORM}: all lines reaching {@code threshold} save
 * {@code amountOff}.</li>
 * <li>{@link Stage#GIFT}: an amount to pay reaching {@code threshold} adds
 * {@code giftQuantity} units of {@code giftSkuId} at zero.</li>
 * </ul>
 *
 * @param id the promotion
 * @param name what shoppers see
 * @param kind its stage; never {@link Stage#COUPON}
 * @param currency the currency of its amounts; it applies only to baskets in it
 * @param skuIds ITEM and BUNDLE: the SKUs it covers
 * @param shopId SHOP: the shop
 * @param amountOff ITEM (per unit, unless a percentage), SHOP and PLATFORM: the saving
 * @param percentOffBasisPoints ITEM: the unit price cut in basis points, or 0
 * @param bundleQuantity BUNDLE: units per bundle
 * @param bundlePrice BUNDLE: the price of one bundle
 * @param threshold SHOP, PLATFORM and GIFT: the amount it needs
 * @param giftSkuId GIFT: the SKU given
 * @param giftQuantity GIFT: units given
 * @param startsAt first instant it applies
 * @param endsAt first instant it no longer applies (also when an admin ended it)
 */
public record Promotion(long id, String name, Stage kind, Currency currency, Set<Long> skuIds, Long shopId,
		Money amountOff, int percentOffBasisPoints, int bundleQuantity, Money bundlePrice, Money threshold,
		long giftSkuId, int giftQuantity, Instant startsAt, Instant endsAt) {

	public Promotion {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(currency, "currency");
		skuIds = (skuIds != null) ? Set.copyOf(skuIds) : Set.of();
		if (kind == Stage.COUPON) {
			throw new IllegalArgumentException("coupons are not promotions");
		}
	}

	public boolean isActiveAt(Instant at) {
		return !at.isBefore(this.startsAt) && at.isBefore(this.endsAt);
	}

	static Promotion item(long id, Set<Long> skuIds, Money amountOff, int percentOffBasisPoints) {
		Currency currency = (amountOff != null) ? amountOff.currency() : Money.CNY;
		return new Promotion(id, "item " + id, Stage.ITEM, currency, skuIds, null, amountOff, percentOffBasisPoints, 0,
				null, null, 0, 0, Instant.EPOCH, Instant.MAX);
	}

	static Promotion bundle(long id, Set<Long> skuIds, int quantity, Money price) {
		return new Promotion(id, "bundle " + id, Stage.BUNDLE, price.currency(), skuIds, null, null, 0, quantity, price,
				null, 0, 0, Instant.EPOCH, Instant.MAX);
	}

	static Promotion shop(long id, long shopId, Money threshold, Money save) {
		return new Promotion(id, "shop " + id, Stage.SHOP, save.currency(), Set.of(), shopId, save, 0, 0, null,
				threshold, 0, 0, Instant.EPOCH, Instant.MAX);
	}

	static Promotion platform(long id, Money threshold, Money save) {
		return new Promotion(id, "platform " + id, Stage.PLATFORM, save.currency(), Set.of(), null, save, 0, 0, null,
				threshold, 0, 0, Instant.EPOCH, Instant.MAX);
	}

	static Promotion gift(long id, Money threshold, long giftSkuId, int giftQuantity) {
		return new Promotion(id, "gift " + id, Stage.GIFT, threshold.currency(), Set.of(), null, null, 0, 0, null,
				threshold, giftSkuId, giftQuantity, Instant.EPOCH, Instant.MAX);
	}

}
