package io.flashsale.order.checkout;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

import io.flashsale.contracts.Headers;
import io.flashsale.platform.degrade.Grade;
import io.flashsale.platform.degrade.Graded;

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

	@Operation(summary = "Buy from a flash sale",
			description = "Reserves stock atomically and hands the order to the writer. Poll the Location: "
					+ "202 PROCESSING until the order is written, then 200. The price is the sale's and the buyer "
					+ "is the token's subject; neither is read from the request.")
	@ApiResponse(responseCode = "202",
			description = "Stock reserved and the order handed to Kafka: the order exists. A retry with the same "
					+ "Idempotency-Key and body answers the same order, also after the sale sold out or ended.")
	@ApiResponse(responseCode = "400",
			description = "invalid-request, invalid-quantity (outside 1..limit) or idempotency-key-missing",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "404", description = "flash-sale-not-found",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "409", description = "sold-out, limit-exceeded or sale-not-active",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "422", description = "idempotency-key-reused: the key was used with another body",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "503",
			description = "All with Retry-After. sale-paused (counters lost, or sales paused by the kill switch; "
					+ "nothing reserved), order-not-accepted (nothing reserved; retry), stock-unavailable (Redis "
					+ "unreachable) or order-outcome-unknown (the hand-off's outcome is unknown): retry with the "
					+ "same Idempotency-Key and body, which replays an accepted purchase and buys once otherwise; "
					+ "catalogue-loading (this instance is still reading the sales)",
			content = @Content(mediaType = "application/problem+json"))
	@PostMapping("/api/orders")
	@Graded(Grade.CORE)
	ResponseEntity<OrderAccepted> place(@Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt,
			@Parameter(description = "8 to 64 of A-Z a-z 0-9 . _ : -; a retry with the same key and body "
					+ "replays the first answer") @RequestHeader(name = Headers.IDEMPOTENCY_KEY,
							required = false) String idempotencyKey,
			@Valid @RequestBody PlaceOrder request) {
		OrderAccepted accepted = this.checkout.place(jwt.getSubject(), idempotencyKey, request);
		return ResponseEntity.accepted().location(URI.create("/api/orders/" + accepted.orderId())).body(accepted);
	}

}
