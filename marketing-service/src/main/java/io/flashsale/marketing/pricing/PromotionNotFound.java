package io.flashsale.marketing.pricing;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** No promotion has the id in the path. */
class PromotionNotFound extends ApiProblem {

	PromotionNotFound(long id) {
		super(HttpStatus.NOT_FOUND, "promotion-not-found", "Promotion not found", "No promotion has id " + id + ".");
	}

}
