package io.flashsale.order.checkout;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** The purchase came before the sale's start or at or after its end. */
class SaleNotActive extends ApiProblem {

	SaleNotActive(String detail) {
		super(HttpStatus.CONFLICT, "sale-not-active", "Sale not active", detail);
	}

}
