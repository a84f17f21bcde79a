package io.flashsale.order.cancellation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.flashsale.contracts.order.OrderCancelled;
import io.flashsale.order.orders.Order;
import io.flashsale.order.orders.OrderLifecycle;
import io.flashsale.order.orders.OrderStatus;
import io.flashsale.order.orders.OrderView;
import io.flashsale.order.orders.ShopperOrders;
import io.flashsale.platform.degrade.Grade;
import io.flashsale.platform.degrade.Graded;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shopper's cancel of their own unpaid order. Anyone else's order, and any unknown
 * id, is 404, as for reading it. IMPORTANT: 503 degraded while shed; the deadline queue
 * still cancels unpaid orders. Listed with the shopper's other order endpoints in the
 * API.
 */
@RestController
@Tag(name = "orders-controller")
class ShopperCancelController {

	private final ShopperOrders shopperOrders;

	private final OrderLifecycle lifecycle;

	ShopperCancelController(ShopperOrders shopperOrders, OrderLifecycle lifecycle) {
		this.shopperOrders = shopperOrders;
		this.lifecycle = lifecycle;
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
		Order order = this.shopperOrders.written(orderId, jwt.getSubject());
		if (order.isPendingPayment()) {
			order = this.lifecycle.cancel(orderId, OrderCancelled.SHOPPER).orElse(order);
		}
		if (order.status() == OrderStatus.PAID) {
			throw new OrderNotCancellable(orderId);
		}
		return OrderView.of(order);
	}

}
