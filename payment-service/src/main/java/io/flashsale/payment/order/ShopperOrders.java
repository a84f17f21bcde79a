package io.flashsale.payment.order;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.platform.resilience.ResilientCalls;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Reads the calling shopper's order from order-service with the shopper's token, through
 * the {@code order-service} bulkhead, circuit breaker and time limit: only calls without
 * a usable answer count against the breaker ({@link OrderNotFound} is an answer). The
 * fallback, when the breaker is open, the bulkhead full, the time limit passed or the
 * call failed, is {@link OrderServiceUnavailable} (503): no payment is opened.
 */
public class ShopperOrders {

	private static final Logger log = LoggerFactory.getLogger(ShopperOrders.class);

	private final OrderClient client;

	private final ResilientCalls calls;

	ShopperOrders(OrderClient client, ResilientCalls calls) {
		this.client = client;
		this.calls = calls;
		calls.prepare(OrderClientConfiguration.CALL, OrderClientConfiguration.DEFAULTS);
	}

	/**
	 * The caller's order.
	 * @throws OrderNotFound when order-service does not show it to the caller
	 * @throws OrderServiceUnavailable when order-service gives no usable answer
	 */
	public ShopperOrder get(String orderId) {
		return this.calls.call(OrderClientConfiguration.CALL, OrderClientConfiguration.DEFAULTS, () -> fetch(orderId),
				(ex) -> ex instanceof OrderNotFound, (failure) -> {
					if (!(failure.cause() instanceof OrderServiceUnavailable)) {
						log.warn("No answer from order-service for order {}: {}", orderId, failure.describe());
					}
					throw new OrderServiceUnavailable();
				});
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
