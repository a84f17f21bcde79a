package io.flashsale.marketing.coupon;

import java.time.Instant;

/**
 * One of a shopper's coupons.
 *
 * @param state UNUSED, LOCKED, USED or EXPIRED (unused past validUntil)
 * @param orderId the order it is locked to or was used by, else null
 * @param validFrom first instant it is usable
 * @param validUntil first instant it is no longer usable
 */
record CouponView(String id, long templateId, CouponState state, String orderId, Instant claimedAt, Instant validFrom,
		Instant validUntil) {

}
