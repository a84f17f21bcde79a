package io.flashsale.marketing.coupon;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import io.flashsale.marketing.pricing.CouponOffer.Kind;
import io.flashsale.marketing.pricing.CouponOffer.Scope;

/**
 * What an admin asks for when creating a coupon template. Amounts are minor units of the
 * platform's currency; instants are ISO-8601. Each kind takes exactly its own fields, so
 * a template never carries a rule it does not apply.
 *
 * @param name what shoppers see
 * @param kind FIXED (amountOffCents), PERCENT (percentOffBasisPoints, optional capCents)
 * or SPEND_SAVE (thresholdCents above amountOffCents)
 * @param amountOffCents FIXED and SPEND_SAVE: the amount taken off
 * @param percentOffBasisPoints PERCENT: 1 to 9,999 (1 % = 100)
 * @param capCents PERCENT: the most it takes off; optional
 * @param thresholdCents SPEND_SAVE: the eligible amount it needs
 * @param minimumSpendCents the eligible amount any kind needs; optional
 * @param scope PLATFORM (no ids), SHOP (shop ids) or SKUS (SKU ids)
 * @param scopeIds 1 to 100 distinct positive ids for SHOP and SKUS; empty or absent for
 * PLATFORM
 * @param totalStock coupons to issue, 1 to 10,000,000
 * @param perUserLimit most coupons one shopper may hold, at most totalStock
 * @param claimStartsAt first instant claims are accepted
 * @param claimEndsAt first instant claims are refused again; after claimStartsAt, in the
 * future
 * @param validFrom fixed validity: first instant the coupon is usable (with validUntil)
 * @param validUntil fixed validity: first instant it is no longer usable
 * @param validDays validity counted from each claim, 1 to 3,650 days (instead of fixed
 * dates)
 */
record CreateCouponTemplate(@NotBlank @Size(max = 120) String name, @NotNull Kind kind,
		@Positive @Max(1_000_000_000L) Long amountOffCents, @Min(1) @Max(9_999) Integer percentOffBasisPoints,
		@Positive @Max(1_000_000_000L) Long capCents, @Positive @Max(1_000_000_000L) Long thresholdCents,
		@Positive @Max(1_000_000_000L) Long minimumSpendCents, @NotNull Scope scope,
		@Size(max = 100) List<@NotNull @Positive Long> scopeIds, @NotNull @Min(1) @Max(10_000_000) Integer totalStock,
		@NotNull @Min(1) @Max(10_000_000) Integer perUserLimit, @NotNull Instant claimStartsAt,
		@NotNull @Future Instant claimEndsAt, Instant validFrom, Instant validUntil,
		@Min(1) @Max(3_650) Integer validDays) {

	// Cross-field rules; named apart from the components so JSON binding never sees them.

	@JsonIgnore
	@AssertTrue(message = "FIXED takes amountOffCents and none of percentOffBasisPoints, capCents, thresholdCents")
	boolean isFixedWellFormed() {
		return this.kind != Kind.FIXED || (this.amountOffCents != null && this.percentOffBasisPoints == null
				&& this.capCents == null && this.thresholdCents == null);
	}

	@JsonIgnore
	@AssertTrue(message = "PERCENT takes percentOffBasisPoints, optionally capCents, and neither amountOffCents nor "
			+ "thresholdCents")
	boolean isPercentWellFormed() {
		return this.kind != Kind.PERCENT
				|| (this.percentOffBasisPoints != null && this.amountOffCents == null && this.thresholdCents == null);
	}

	@JsonIgnore
	@AssertTrue(message = "SPEND_SAVE takes thresholdCents above amountOffCents, and neither percentOffBasisPoints "
			+ "nor capCents")
	boolean isSpendSaveWellFormed() {
		return this.kind != Kind.SPEND_SAVE || (this.amountOffCents != null && this.thresholdCents != null
				&& this.thresholdCents > this.amountOffCents && this.percentOffBasisPoints == null
				&& this.capCents == null);
	}

	@JsonIgnore
	@AssertTrue(message = "PLATFORM takes no scopeIds; SHOP and SKUS take 1 to 100 distinct ids")
	boolean isScopeWellFormed() {
		if (this.scope == null) {
			return true;
		}
		List<Long> ids = (this.scopeIds != null) ? this.scopeIds : List.of();
		if (this.scope == Scope.PLATFORM) {
			return ids.isEmpty();
		}
		return !ids.isEmpty() && ids.stream().distinct().count() == ids.size();
	}

	@JsonIgnore
	@AssertTrue(message = "perUserLimit must not exceed totalStock")
	boolean isPerUserLimitWithinStock() {
		return this.perUserLimit == null || this.totalStock == null || this.perUserLimit <= this.totalStock;
	}

	@JsonIgnore
	@AssertTrue(message = "claimEndsAt must be after claimStartsAt")
	boolean isClaimWindowOrdered() {
		return this.claimStartsAt == null || this.claimEndsAt == null || this.claimEndsAt.isAfter(this.claimStartsAt);
	}

	@JsonIgnore
	@AssertTrue(message = "validity is either validFrom and validUntil (validUntil after validFrom and after "
			+ "claimStartsAt) or validDays, not both")
	boolean isValidityWellFormed() {
		boolean fixed = this.validFrom != null || this.validUntil != null;
		if (fixed == (this.validDays != null)) {
			return false;
		}
		if (!fixed) {
			return true;
		}
		return this.validFrom != null && this.validUntil != null && this.validUntil.isAfter(this.validFrom)
				&& (this.claimStartsAt == null || this.validUntil.isAfter(this.claimStartsAt));
	}

}
