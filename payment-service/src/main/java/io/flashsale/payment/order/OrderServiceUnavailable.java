package io.flashsale.payment.order;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * order-service gave no usable answer, so the order's amount and owner are unknown and no
 * payment is opened.
 */
public class OrderServiceUnavailable extends ApiProblem {

	OrderServiceUnavailable() {
		super(HttpStatus.SERVICE_UNAVAILABLE, "order-service-unavailable", "Orders unavailable",
				"The order cannot be read right now; try again shortly.");
	}

}
