package io.flashsale.marketing.coupon;

import java.time.Clock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Service;

/**
 * An order's hold on a coupon: lock, use, release. Each is one conditional UPDATE naming
 * the order, so it happens exactly once: a repeat, a foreign order, or a coupon in
 * another state changes nothing and answers {@code false}. USED is final, so a coupon is
 * never usable twice. Checkout wires these to orders.
 */
@Service
public class CouponLifecycle {

	private final Coupons coupons;

	private final Clock clock;

	private final Counter used;

	private final Counter released;

	CouponLifecycle(Coupons coupons, Clock clock, MeterRegistry meters) {
		this.coupons = coupons;
		this.clock = clock;
		this.used = meters.counter("flashsale.coupons.used");
		this.released = meters.counter("flashsale.coupons.released");
	}

	/**
	 * UNUSED → LOCKED to the order: only the holder's coupon, within its validity.
	 * @return {@code true} if this call locked it
	 */
	public boolean lock(String couponId, String userId, String orderId) {
		return this.coupons.lock(couponId, userId, orderId, this.clock.instant()) == 1;
	}

	/**
	 * LOCKED to the order → USED (the order went through).
	 * @return {@code true} if this call used it
	 */
	public boolean use(String couponId, String orderId) {
		boolean done = this.coupons.use(couponId, orderId, this.clock.instant()) == 1;
		if (done) {
			this.used.increment();
		}
		return done;
	}

	/**
	 * LOCKED to the order → UNUSED (the order was cancelled or fully refunded).
	 * @return {@code true} if this call released it; {@code false} for a repeat
	 */
	public boolean release(String couponId, String orderId) {
		boolean done = this.coupons.release(couponId, orderId, this.clock.instant()) == 1;
		if (done) {
			this.released.increment();
		}
		return done;
	}

	/**
	 * Releases every coupon locked to the order.
	 * @return how many this call released
	 */
	public int releaseAll(String orderId) {
		int released = 0;
		for (String couponId : this.coupons.lockedTo(orderId)) {
			if (release(couponId, orderId)) {
				released++;
			}
		}
		return released;
	}

}
