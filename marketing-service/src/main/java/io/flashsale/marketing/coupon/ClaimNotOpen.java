package io.flashsale.marketing.coupon;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** The template's claim window has not opened yet, or has closed. */
class ClaimNotOpen extends ApiProblem {

	ClaimNotOpen(long templateId) {
		super(HttpStatus.CONFLICT, "claim-not-open", "Claim not open",
				"Coupons of template " + templateId + " cannot be claimed now: outside its claim window.");
	}

}
