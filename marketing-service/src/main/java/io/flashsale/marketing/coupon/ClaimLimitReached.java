package io.flashsale.marketing.coupon;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** The shopper already holds as many coupons of the template as one may. */
class ClaimLimitReached extends ApiProblem {

	ClaimLimitReached(long held) {
		super(HttpStatus.CONFLICT, "claim-limit-reached", "Claim limit reached",
				"You already hold " + held + " coupons of this template, the most one shopper may.");
	}

}
