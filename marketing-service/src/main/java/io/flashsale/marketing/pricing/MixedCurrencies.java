package io.flashsale.marketing.pricing;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** The basket's SKUs are priced in more than one currency; one quote has one. */
class MixedCurrencies extends ApiProblem {

	MixedCurrencies() {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "mixed-currencies", "Mixed currencies",
				"The SKUs are priced in different currencies; quote them separately.");
	}

}
