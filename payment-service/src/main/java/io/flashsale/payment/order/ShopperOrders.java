package io.flashsale.payment.order;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Reads the calling shopper's order from order-service with the shopper's token, through
 * the {@code order-service} circuit breaker: only calls without a usable answer count
 * against it, and while it is open the caller gets 503 at once.
 */
public class ShopperOrders {

	private static final Logger log = LoggerFactory.getLogger(ShopperOrders.class);

	private final OrderClient client;

	private final CircuitBreaker breaker;

	ShopperOrders(OrderClient client, CircuitBreaker breaker) {
		this.client = client;
		this.breaker = breaker;
	}

	/**
	 * The caller's order.
	 * @throws OrderNotFound when order-service does not show it to the caller
	 * @throws OrderServiceUnavailable when order-service gives no usable answer
	 */
	public ShopperOrder get(String orderId) {
		try {
			return this.breaker.executeSupplier(() -> fetch(orderId));
		}
		catch (CallNotPermittedException ex) {
			throw new OrderServiceUnavailable();
		}
	}

	private ShopperOrder fetch(String orderId) {
		ShopperOrder order;
		try {
			order = this.client.get(orderId);
		}
		catch (RestClientResponseException ex) {
			if (ex.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)
					|| ex.getStatusCode().isSameCodeAs(HttpStatus.BAD_REQUEST)) {
				throw new OrderNotFound(orderId);
			}
			log.warn("order-service answered {} for order {}", ex.getStatusCode(), orderId);
			throw new OrderServiceUnavailable();
		}
		catch (RestClientException ex) {
			log.warn("order-service did not answer for order {}: {}", orderId, ex.toString());
			throw new OrderServiceUnavailable();
		}
		if (order == null || !orderId.equals(order.orderId())) {
			log.warn("order-service answered an unusable body for order {}", orderId);
			throw new OrderServiceUnavailable();
		}
		return order;
	}

}
