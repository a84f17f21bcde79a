package io.flashsale.order.checkout;

import java.net.URI;

import jakarta.validation.Valid;

import io.flashsale.contracts.Headers;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/orders}: buy from a flash sale. Answers 202 once stock is reserved;
 * the order itself is written asynchronously, so the shopper polls its Location.
 */
@RestController
class CheckoutController {

	private final Checkout checkout;

	CheckoutController(Checkout checkout) {
		this.checkout = checkout;
	}

	@PostMapping("/api/orders")
	ResponseEntity<OrderAccepted> place(@AuthenticationPrincipal Jwt jwt,
			@RequestHeader(name = Headers.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
			@Valid @RequestBody PlaceOrder request) {
		OrderAccepted accepted = this.checkout.place(jwt.getSubject(), idempotencyKey, request);
		return ResponseEntity.accepted().location(URI.create("/api/orders/" + accepted.orderId())).body(accepted);
	}

}
