package io.flashsale.marketing.coupon;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** No coupon template with that id. */
class CouponTemplateNotFound extends ApiProblem {

	CouponTemplateNotFound(long id) {
		super(HttpStatus.NOT_FOUND, "coupon-template-not-found", "Coupon template not found",
				"No coupon template " + id + ".");
	}

}
