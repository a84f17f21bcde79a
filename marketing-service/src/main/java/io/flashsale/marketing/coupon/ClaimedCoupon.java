package io.flashsale.marketing.coupon;

import java.time.Instant;

/**
 * The answer to a claim: the coupon taken (201), or the one an earlier claim with the
 * same {@code Idempotency-Key} took (200). It is stored asynchronously and appears in
 * {@code GET /api/coupons/mine} once written.
 *
 * @param couponId the coupon
 * @param templateId its template
 * @param claimedAt when it was taken
 */
record ClaimedCoupon(String couponId, long templateId, Instant claimedAt) {

}
