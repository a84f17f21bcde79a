package io.flashsale.marketing.pricing;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The coupons a shopper may use in a quote; implemented by the coupons feature. */
public interface ShopperCoupons {

	/**
	 * The coupons among {@code couponIds} that {@code userId} holds and may use at
	 * {@code at} (unused, within validity); unknown, foreign, locked, used or expired ids
	 * are left out.
	 */
	List<CouponOffer> usable(String userId, Collection<String> couponIds, Instant at);

}
