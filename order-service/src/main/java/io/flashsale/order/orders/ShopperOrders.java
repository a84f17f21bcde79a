package io.flashsale.order.orders;

import java.util.Optional;
import java.util.OptionalLong;

import io.flashsale.stock.Reservation;
import io.flashsale.stock.StockCounters;

import org.springframework.stereotype.Component;

/**
 * Finds an order for the shopper who asks, for the endpoints that answer only the owner.
 * A malformed id is 400 {@code invalid-order-id}; anyone else's order is 404
 * {@code order-not-found}, so the answer never tells whether an id exists.
 */
@Component
public class ShopperOrders {

	private final Orders orders;

	private final StockCounters counters;

	ShopperOrders(Orders orders, StockCounters counters) {
		this.orders = orders;
		this.counters = counters;
	}

	/**
	 * The caller's written order.
	 * @throws InvalidOrderId when the id is not one this service issues
	 * @throws OrderNotFound when the order is someone else's
	 * @return empty when no order row exists (yet)
	 */
	Optional<Order> find(String orderId, String userId) {
		flashSaleOf(orderId);
		Optional<Order> order = this.orders.find(orderId);
		if (order.isPresent() && !order.get().userId().equals(userId)) {
			throw new OrderNotFound(orderId);
		}
		return order;
	}

	/**
	 * The caller's written order, for changing it.
	 * @throws InvalidOrderId when the id is not one this service issues
	 * @throws OrderProcessing when the caller's reservation is still on its way to
	 * becoming this order
	 * @throws OrderNotFound when there is no such order of the caller's
	 */
	public Order written(String orderId, String userId) {
		Optional<Order> order = find(orderId, userId);
		if (order.isPresent()) {
			return order.get();
		}
		if (processing(orderId, userId).isPresent()) {
			throw new OrderProcessing(orderId);
		}
		throw new OrderNotFound(orderId);
	}

	/** The caller's reservation that is on its way to becoming this order. */
	Optional<Reservation> processing(String orderId, String userId) {
		return this.counters.reservation(flashSaleOf(orderId), orderId)
			.filter((candidate) -> candidate.userId().equals(userId) && candidate.holdsStock());
	}

	static long flashSaleOf(String orderId) {
		OptionalLong flashSaleId = OrderIds.flashSaleOf(orderId);
		if (flashSaleId.isEmpty()) {
			throw new InvalidOrderId();
		}
		return flashSaleId.getAsLong();
	}

}
