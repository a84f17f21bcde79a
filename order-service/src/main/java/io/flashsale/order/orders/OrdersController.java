package io.flashsale.order.orders;

import java.util.OptionalLong;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.flashsale.stock.Reservation;
import io.flashsale.stock.StockCounters;

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
 * never tells whether an id exists.
 */
@RestController
class OrdersController {

	private final Orders orders;

	private final StockCounters counters;

	OrdersController(Orders orders, StockCounters counters) {
		this.orders = orders;
		this.counters = counters;
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
	ResponseEntity<OrderView> get(@Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt,
			@PathVariable String orderId) {
		OptionalLong flashSaleId = OrderIds.flashSaleOf(orderId);
		if (flashSaleId.isEmpty()) {
			throw new InvalidOrderId();
		}
		String userId = jwt.getSubject();
		Order order = this.orders.find(orderId).orElse(null);
		if (order != null) {
			if (!order.userId().equals(userId)) {
				throw new OrderNotFound(orderId);
			}
			return ResponseEntity.ok(OrderView.of(order));
		}
		Reservation reservation = this.counters.reservation(flashSaleId.getAsLong(), orderId)
			.filter((candidate) -> candidate.userId().equals(userId) && candidate.holdsStock())
			.orElseThrow(() -> new OrderNotFound(orderId));
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(new OrderView(orderId, OrderStatus.PROCESSING, flashSaleId.getAsLong(), reservation.quantity(), null,
					null, null, reservation.reservedAt()));
	}

	@Operation(summary = "The caller's written orders, newest first")
	@GetMapping("/api/orders")
	OrderPage list(@Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt,
			@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		String userId = jwt.getSubject();
		return new OrderPage(
				this.orders.findByUser(userId, size, (long) page * size).stream().map(OrderView::of).toList(), page,
				size, this.orders.countByUser(userId));
	}

}
