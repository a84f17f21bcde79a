package io.flashsale.order.orders;

import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.flashsale.platform.degrade.Grade;
import io.flashsale.platform.degrade.Graded;
import io.flashsale.platform.degrade.LiveSwitches;
import io.flashsale.stock.Reservation;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A shopper's own orders. Anyone else's order, and any unknown id, is 404: the answer
 * never tells whether an id exists. An unpaid order past its deadline is cancelled before
 * it is shown while the passive-cancel switch is on
 * ({@code flashsale.switches.passive-cancel}, read live), so nobody is offered to pay an
 * order the queue or the sweep has yet to reach. This passive cancel is one of the ways
 * listed in {@code io.flashsale.order.cancellation}; it stays here because it is part of
 * answering the read. Reading one order is CORE (the shopper polls it to pay); the list
 * is IMPORTANT (503 degraded while shed). The shopper's cancel is
 * {@code cancellation.ShopperCancelController}.
 */
@RestController
class OrdersController {

	private final Orders orders;

	private final ShopperOrders shopperOrders;

	private final OrderLifecycle lifecycle;

	private final LiveSwitches switches;

	OrdersController(Orders orders, ShopperOrders shopperOrders, OrderLifecycle lifecycle, LiveSwitches switches) {
		this.orders = orders;
		this.shopperOrders = shopperOrders;
		this.lifecycle = lifecycle;
		this.switches = switches;
	}

	/**
	 * 200 once the order is written; 202 with status PROCESSING between acceptance and
	 * persistence, read from the reservation in Redis.
	 */
	@Operation(summary = "One of the caller's orders")
	@ApiResponse(responseCode = "200", description = "The order as written.")
	@ApiResponse(responseCode = "202", description = "Accepted, not yet written: status PROCESSING.")
	@ApiResponse(responseCode = "400", description = "invalid-order-id",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "404", description = "order-not-found: unknown, or another shopper's",
			content = @Content(mediaType = "application/problem+json"))
	@GetMapping("/api/orders/{orderId}")
	@Graded(Grade.CORE)
	ResponseEntity<OrderView> get(@Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt,
			@PathVariable String orderId) {
		String userId = jwt.getSubject();
		Optional<Order> order = this.shopperOrders.find(orderId, userId);
		if (order.isPresent()) {
			return ResponseEntity.ok(OrderView.of(current(order.get())));
		}
		Reservation reservation = this.shopperOrders.processing(orderId, userId)
			.orElseThrow(() -> new OrderNotFound(orderId));
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(OrderView.processing(orderId, ShopperOrders.flashSaleOf(orderId), reservation.quantity(),
					reservation.reservedAt()));
	}

	@Operation(summary = "The caller's written orders, newest first")
	@GetMapping("/api/orders")
	@Graded(Grade.IMPORTANT)
	OrderPage list(@Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt,
			@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		String userId = jwt.getSubject();
		return new OrderPage(this.orders.findByUser(userId, size, (long) page * size)
			.stream()
			.map(this::current)
			.map(OrderView::of)
			.toList(), page, size, this.orders.countByUser(userId));
	}

	/**
	 * Passive cancel on read, one of the ways listed in
	 * {@code io.flashsale.order.cancellation}.
	 */
	private Order current(Order order) {
		return this.switches.passiveCancel() ? this.lifecycle.cancelIfOverdue(order) : order;
	}

}
