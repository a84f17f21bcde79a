package io.flashsale.marketing.coupon;

/**
 * A coupon's state as its holder sees it. UNUSED, LOCKED and USED are stored; EXPIRED is
 * an UNUSED coupon past its validity, computed when read.
 */
enum CouponState {

	/** Held, usable within its validity. */
	UNUSED,

	/** Locked to an order: not usable by another until that order releases it. */
	LOCKED,

	/** Spent by an order; never usable again. */
	USED,

	/** Unused and past its validity. */
	EXPIRED

}
