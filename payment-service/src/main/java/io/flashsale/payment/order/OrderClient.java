package io.flashsale.payment.order;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/** order-service's order API, as this service calls it. */
@HttpExchange(url = "/api/orders", accept = "application/json")
interface OrderClient {

	/**
	 * One of the caller's orders: 404 for an unknown id or another shopper's order.
	 */
	@GetExchange("/{orderId}")
	ShopperOrder get(@PathVariable String orderId);

}
