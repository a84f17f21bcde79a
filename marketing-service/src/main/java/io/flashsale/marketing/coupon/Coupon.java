package io.flashsale.marketing.coupon;

import java.time.Instant;

/**
 * An issued coupon as stored; MyBatis maps it by position, in the order of
 * {@link Coupons#COLUMNS}. Its state moves UNUSED → LOCKED (an order took it) → USED (the
 * order went through) or back LOCKED → UNUSED (the order was cancelled or fully
 * refunded). USED is final, so a coupon is never usable twice. Each move is a conditional
 * update in {@link Coupons}; the methods here state the same rules for the aggregate in
 * memory.
 *
 * @param state UNUSED, LOCKED or USED (never EXPIRED: see {@link #stateAt})
 * @param orderId the order holding it while LOCKED or USED, else {@code null}
 */
record Coupon(String id, long templateId, String userId, CouponState state, String orderId, Instant claimedAt,
		Instant validFrom, Instant validUntil, Instant updatedAt) {

	static Coupon issued(String id, long templateId, String userId, Instant claimedAt, Instant validFrom,
			Instant validUntil) {
		return new Coupon(id, templateId, userId, CouponState.UNUSED, null, claimedAt, validFrom, validUntil,
				claimedAt);
	}

	/** The state its holder sees at {@code now}: UNUSED past its validity is EXPIRED. */
	CouponState stateAt(Instant now) {
		return (this.state == CouponState.UNUSED && !now.isBefore(this.validUntil)) ? CouponState.EXPIRED : this.state;
	}

	/** Whether an order may lock it at {@code now}: unused and within its validity. */
	boolean usableAt(Instant now) {
		return this.state == CouponState.UNUSED && !now.isBefore(this.validFrom) && now.isBefore(this.validUntil);
	}

	/** UNUSED → LOCKED to {@code order}; refused unless usable at {@code now}. */
	Coupon lock(String order, Instant now) {
		if (!usableAt(now)) {
			throw new IllegalStateException("Coupon " + this.id + " is " + stateAt(now) + ", not usable");
		}
		return moved(CouponState.LOCKED, order, now);
	}

	/** LOCKED to {@code order} → USED. */
	Coupon use(String order, Instant now) {
		requireLockedTo(order);
		return moved(CouponState.USED, order, now);
	}

	/** LOCKED to {@code order} → UNUSED. */
	Coupon release(String order, Instant now) {
		requireLockedTo(order);
		return moved(CouponState.UNUSED, null, now);
	}

	private void requireLockedTo(String order) {
		if (this.state != CouponState.LOCKED || !this.orderId.equals(order)) {
			throw new IllegalStateException("Coupon " + this.id + " is not locked to order " + order);
		}
	}

	private Coupon moved(CouponState to, String order, Instant now) {
		return new Coupon(this.id, this.templateId, this.userId, to, order, this.claimedAt, this.validFrom,
				this.validUntil, now);
	}

	CouponView view(Instant now) {
		return new CouponView(this.id, this.templateId, stateAt(now), this.orderId, this.claimedAt, this.validFrom,
				this.validUntil);
	}

}
