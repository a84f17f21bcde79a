package io.flashsale.marketing.coupon;

import java.time.Instant;
import java.util.List;

import io.flashsale.marketing.pricing.CouponOffer.Kind;
import io.flashsale.marketing.pricing.CouponOffer.Scope;

/**
 * A coupon template as admins and shoppers see it. Fields a kind does not use are null
 * ({@code percentOffBasisPoints} 0).
 *
 * @param remaining coupons left to claim, from the claim counters; null when they cannot
 * be read
 */
record CouponTemplateView(long id, String name, Kind kind, String currency, Long amountOffCents,
		int percentOffBasisPoints, Long capCents, Long thresholdCents, Long minimumSpendCents, Scope scope,
		List<Long> scopeIds, int totalStock, Long remaining, int perUserLimit, Instant claimStartsAt,
		Instant claimEndsAt, Instant validFrom, Instant validUntil, Integer validDays) {

	static CouponTemplateView of(CouponTemplate t, Long remaining) {
		return new CouponTemplateView(t.id(), t.name(), t.kind(), t.currency(), t.amountOffCents(),
				t.percentOffBasisPoints(), t.capCents(), t.thresholdCents(), t.minimumSpendCents(), t.scope(),
				List.copyOf(t.scopeIdSet()), t.totalStock(), remaining, t.perUserLimit(), t.claimStartsAt(),
				t.claimEndsAt(), t.validFrom(), t.validUntil(), t.validDays());
	}

}
