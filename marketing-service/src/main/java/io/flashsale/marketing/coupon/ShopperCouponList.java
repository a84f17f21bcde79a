package io.flashsale.marketing.coupon;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;

/** A shopper's own coupons; EXPIRED is computed from validity at the time of reading. */
@Service
class ShopperCouponList {

	private final Coupons coupons;

	private final Clock clock;

	ShopperCouponList(Coupons coupons, Clock clock) {
		this.coupons = coupons;
		this.clock = clock;
	}

	CouponPage page(String userId, CouponState state, int page, int size) {
		Instant now = this.clock.instant();
		List<CouponView> items = this.coupons.findMine(userId, state, now, (long) page * size, size)
			.stream()
			.map((coupon) -> coupon.view(now))
			.toList();
		return new CouponPage(items, page, size);
	}

	CouponView one(String userId, String couponId) {
		return this.coupons.find(couponId)
			.filter((coupon) -> coupon.userId().equals(userId))
			.map((coupon) -> coupon.view(this.clock.instant()))
			.orElseThrow(CouponNotFound::new);
	}

}
