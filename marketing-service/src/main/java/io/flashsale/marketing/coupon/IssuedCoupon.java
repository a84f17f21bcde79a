package io.flashsale.marketing.coupon;

import java.time.Instant;

/**
 * A claim as the counters recorded it.
 *
 * @param couponId the coupon
 * @param state PENDING (sent, not yet stored), CONFIRMED (the writer has it) or RELEASED
 * (its send failed and it was given back)
 * @param userId the shopper
 * @param claimedAt when it was taken
 */
record IssuedCoupon(String couponId, State state, String userId, Instant claimedAt) {

	enum State {

		PENDING, CONFIRMED, RELEASED

	}

}
