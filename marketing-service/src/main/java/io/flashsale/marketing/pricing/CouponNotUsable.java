package io.flashsale.marketing.pricing;

import java.util.List;
import java.util.Map;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * A coupon id the shopper sent is not one they may use now (unknown, someone else's,
 * locked, used or expired). No quote is made: silently pricing without it would show a
 * price the shopper did not ask for.
 */
class CouponNotUsable extends ApiProblem {

	private final List<String> couponIds;

	CouponNotUsable(List<String> couponIds) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "coupon-not-usable", "Coupon not usable",
				"One or more coupons cannot be used by you now.");
		this.couponIds = List.copyOf(couponIds);
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("couponIds", this.couponIds);
	}

}
