package io.flashsale.order.orders;

import java.util.Optional;
import java.util.OptionalLong;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.flashsale.contracts.order.OrderCancelled;
import io.flashsale.platform.degrade.Grade;
import io.flashsale.platform.degrade.Graded;
import io.flashsale.platform.degrade.LiveSwitches;
import io.flashsale.stock.Reservation;
import io.flashsale.stock.StockCounters;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A shopper's own orders. Anyone else's order, and any unknown id, is 404: the answer
 * never tells whether an id exists. An unpaid order past its deadline is cancelled before
 * it is shown while the passive-cancel switch is on
 * ({@code flashsale.switches.passive-cancel}, read live), so nobody is offered to pay an
 * order the queue or the sweep has yet to reach. Reading one order is CORE (the shopper
 * polls it to pay); the list and the shopper's cancel are IMPORTANT (503 degraded while
 * shed; the deadline queue still cancels unpaid orders).
 */
@RestController
class OrdersController {

	private final Orders orders;

	private final OrderLifecycle lifecycle;

	private final StockCounters counters;

	private final LiveSwitches switches;

	OrdersController(Orders orders, OrderLifecycle lifecycle, StockCounters counters, LiveSwitches switches) {
		this.orders = orders;
		this.lifecycle = lifecycle;
		this.counters = counters;
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
		long flashSaleId = flashSaleOf(orderId);
		String userId = jwt.getSubject();
		Optional<Order> order = ownOrder(orderId, userId);
		if (order.isPresent()) {
			return ResponseEntity.ok(OrderView.of(current(order.get())));
		}
		Reservation reservation = processing(flashSaleId, orderId, userId)
			.orElseThrow(() -> new OrderNotFound(orderId));
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(OrderView.processing(orderId, flashSaleId, reservation.quantity(), reservation.reservedAt()));
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
	 * Cancels an unpaid order; repeating it answers the cancelled order again. The units
	 * go back to the sale when inventory-service reads {@code OrderCancelled}.
	 */
	@Operation(summary = "Cancel one of the caller's unpaid orders")
	@ApiResponse(responseCode = "200", description = "The order, CANCELLED (also when it already was).")
	@ApiResponse(responseCode = "400", description = "invalid-order-id",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "404", description = "order-not-found: unknown, or another shopper's",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "409",
			description = "order-not-cancellable: already paid; order-processing: not written yet, retry shortly",
			content = @Content(mediaType = "application/problem+json"))
	@PostMapping("/api/orders/{orderId}/cancel")
	@Graded(Grade.IMPORTANT)
	OrderView cancel(@Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt, @PathVariable String orderId) {
		long flashSaleId = flashSaleOf(orderId);
		String userId = jwt.getSubject();
		Order order = ownOrder(orderId, userId).orElse(null);
		if (order == null) {
			if (processing(flashSaleId, orderId, userId).isPresent()) {
				throw new OrderProcessing(orderId);
			}
			throw new OrderNotFound(orderId);
		}
		if (order.isPendingPayment()) {
			order = this.lifecycle.cancel(orderId, OrderCancelled.SHOPPER).orElse(order);
		}
		if (order.status() == OrderStatus.PAID) {
			throw new OrderNotCancellable(orderId);
		}
		return OrderView.of(order);
	}

	private static long flashSaleOf(String orderId) {
		OptionalLong flashSaleId = OrderIds.flashSaleOf(orderId);
		if (flashSaleId.isEmpty()) {
			throw new InvalidOrderId();
		}
		return flashSaleId.getAsLong();
	}

	private Optional<Order> ownOrder(String orderId, String userId) {
		Optional<Order> order = this.orders.find(orderId);
		if (order.isPresent() && !order.get().userId().equals(userId)) {
			throw new OrderNotFound(orderId);
		}
		return order;
	}

	/** The caller's reservation that is on its way to becoming this order. */
	private Optional<Reservation> processing(long flashSaleId, String orderId, String userId) {
		return this.counters.reservation(flashSaleId, orderId)
			.filter((candidate) -> candidate.userId().equals(userId) && candidate.holdsStock());
	}

	private Order current(Order order) {
		return this.switches.passiveCancel() ? this.lifecycle.cancelIfOverdue(order) : order;
	}

}
