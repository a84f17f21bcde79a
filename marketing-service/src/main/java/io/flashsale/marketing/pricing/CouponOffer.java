package io.flashsale.marketing.pricing;

import java.util.Set;

import io.flashsale.contracts.Money;

/**
 * A coupon a shopper holds, as the price engine applies it.
 *
 * @param couponId the issued coupon
 * @param kind how it takes money off
 * @param amountOff FIXED and SPEND_SAVE: the amount taken off; otherwise null
 * @param percentOffBasisPoints PERCENT: the share taken off in basis points (1 % = 100);
 * otherwise 0
 * @param cap PERCENT: the most it takes off, or null for no cap
 * @param threshold SPEND_SAVE: the eligible amount it needs; otherwise null
 * @param minimumSpend the eligible amount any kind needs, or null
 * @param scope which lines are eligible
 * @param scopeIds SHOP: the shop ids; SKUS: the SKU ids; PLATFORM: empty
 */
public record CouponOffer(String couponId, Kind kind, Money amountOff, int percentOffBasisPoints, Money cap,
		Money threshold, Money minimumSpend, Scope scope, Set<Long> scopeIds) {

	public enum Kind {

		FIXED, PERCENT, SPEND_SAVE

	}

	public enum Scope {

		PLATFORM, SHOP, SKUS

	}

}
