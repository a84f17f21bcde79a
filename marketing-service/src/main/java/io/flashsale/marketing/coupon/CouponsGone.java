package io.flashsale.marketing.coupon;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** Every coupon of the template has been claimed. */
class CouponsGone extends ApiProblem {

	CouponsGone(long templateId) {
		super(HttpStatus.CONFLICT, "coupons-gone", "Coupons gone",
				"Every coupon of template " + templateId + " has been claimed.");
	}

}
