package io.flashsale.marketing.pricing;

import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import io.flashsale.contracts.Money;

/**
 * What an admin sends to create a promotion. Amounts are minor units of {@code currency}.
 * Each kind takes exactly its own fields; any other field set is refused, so a promotion
 * never carries a rule that silently does nothing.
 *
 * <ul>
 * <li>ITEM: {@code skuIds} and either {@code amountOffMinor} (per unit) or
 * {@code percentOffBasisPoints}.</li>
 * <li>BUNDLE: {@code skuIds}, {@code bundleQuantity} (2 to 100) and
 * {@code bundlePriceMinor}.</li>
 * <li>SHOP: {@code shopId}, {@code thresholdMinor} and {@code amountOffMinor}, at most
 * the threshold.</li>
 * <li>PLATFORM: {@code thresholdMinor} and {@code amountOffMinor}, at most the
 * threshold.</li>
 * <li>GIFT: {@code thresholdMinor}, {@code giftSkuId} and {@code giftQuantity} (1 to
 * 10).</li>
 * </ul>
 *
 * @param name what shoppers see
 * @param kind ITEM, BUNDLE, SHOP, PLATFORM or GIFT
 * @param currency ISO 4217 code with a minor unit
 * @param skuIds ITEM and BUNDLE: 1 to 100 SKUs
 * @param shopId SHOP: the shop
 * @param amountOffMinor ITEM, SHOP, PLATFORM: the saving
 * @param percentOffBasisPoints ITEM: the cut, 1 to 10,000 basis points
 * @param bundleQuantity BUNDLE: units per bundle
 * @param bundlePriceMinor BUNDLE: price of one bundle
 * @param thresholdMinor SHOP, PLATFORM, GIFT: the amount needed
 * @param giftSkuId GIFT: the SKU given
 * @param giftQuantity GIFT: units given
 * @param startsAt first instant it applies
 * @param endsAt first instant it no longer applies; after {@code startsAt}, in the future
 */
record CreatePromotion(@NotBlank @Size(max = 120) String name, @NotNull Stage kind,
		@NotNull @Pattern(regexp = "[A-Z]{3}") String currency, @Size(max = 100) Set<@NotNull @Positive Long> skuIds,
		@Positive Long shopId, @Min(1) @Max(MAX_AMOUNT) Long amountOffMinor,
		@Min(1) @Max(10_000) Integer percentOffBasisPoints, @Min(2) @Max(100) Integer bundleQuantity,
		@Min(1) @Max(MAX_AMOUNT) Long bundlePriceMinor, @Min(1) @Max(MAX_AMOUNT) Long thresholdMinor,
		@Positive Long giftSkuId, @Min(1) @Max(10) Integer giftQuantity, @NotNull Instant startsAt,
		@NotNull @Future Instant endsAt) {

	/** 1,000,000,000.00 in a two-decimal currency: far beyond any basket. */
	static final long MAX_AMOUNT = 100_000_000_000L;

	// Cross-field rules; named apart from the components so JSON binding never sees them.

	@JsonIgnore
	@AssertTrue(message = "endsAt must be after startsAt")
	boolean isEndAfterStart() {
		return this.startsAt == null || this.endsAt == null || this.endsAt.isAfter(this.startsAt);
	}

	@JsonIgnore
	@AssertTrue(message = "currency must be a known ISO 4217 currency with a minor unit")
	boolean isKnownCurrency() {
		// A missing or malformed code is the component's own constraint's to report.
		return this.currency == null || !this.currency.matches("[A-Z]{3}") || Money.isCurrencyCode(this.currency);
	}

	@JsonIgnore
	@AssertTrue(message = "the fields must be exactly those of the kind: ITEM skuIds with amountOffMinor or "
			+ "percentOffBasisPoints; BUNDLE skuIds, bundleQuantity, bundlePriceMinor; SHOP shopId, thresholdMinor, "
			+ "amountOffMinor; PLATFORM thresholdMinor, amountOffMinor; GIFT thresholdMinor, giftSkuId, giftQuantity")
	boolean isShapedForItsKind() {
		if (this.kind == null) {
			return true;
		}
		boolean skus = this.skuIds != null && !this.skuIds.isEmpty();
		boolean noSkus = this.skuIds == null || this.skuIds.isEmpty();
		boolean noBundle = this.bundleQuantity == null && this.bundlePriceMinor == null;
		boolean noGift = this.giftSkuId == null && this.giftQuantity == null;
		return switch (this.kind) {
			case ITEM -> skus && ((this.amountOffMinor != null) != (this.percentOffBasisPoints != null))
					&& this.shopId == null && noBundle && this.thresholdMinor == null && noGift;
			case BUNDLE -> skus && this.bundleQuantity != null && this.bundlePriceMinor != null && this.shopId == null
					&& this.amountOffMinor == null && this.percentOffBasisPoints == null && this.thresholdMinor == null
					&& noGift;
			case SHOP -> noSkus && this.shopId != null && spendSave() && noBundle && noGift;
			case PLATFORM -> noSkus && this.shopId == null && spendSave() && noBundle && noGift;
			case GIFT -> noSkus && this.shopId == null && this.thresholdMinor != null && this.giftSkuId != null
					&& this.giftQuantity != null && this.amountOffMinor == null && this.percentOffBasisPoints == null
					&& noBundle;
			case COUPON -> false;
		};
	}

	@JsonIgnore
	@AssertTrue(message = "a spend-save must save no more than its threshold")
	boolean isSavingWithinThreshold() {
		return this.thresholdMinor == null || this.amountOffMinor == null
				|| (this.kind != Stage.SHOP && this.kind != Stage.PLATFORM)
				|| this.amountOffMinor <= this.thresholdMinor;
	}

	private boolean spendSave() {
		return this.thresholdMinor != null && this.amountOffMinor != null && this.percentOffBasisPoints == null;
	}

}
