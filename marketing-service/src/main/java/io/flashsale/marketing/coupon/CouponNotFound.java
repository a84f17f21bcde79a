package io.flashsale.marketing.coupon;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** No coupon with that id held by the caller (another shopper's is not found either). */
class CouponNotFound extends ApiProblem {

	CouponNotFound() {
		super(HttpStatus.NOT_FOUND, "coupon-not-found", "Coupon not found",
				"You hold no such coupon (a claim is listed once written; retry shortly).");
	}

}
