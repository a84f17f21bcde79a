package io.flashsale.payment.payments;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import io.flashsale.payment.PaymentProperties;
import io.flashsale.platform.degrade.Grade;
import io.flashsale.platform.degrade.Graded;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A shopper's payments. Anyone else's payment, and any unknown id, is 404. Paying and
 * reading a payment are CORE; listing an order's payments is IMPORTANT (503 degraded
 * while shed).
 */
@RestController
@Validated
class PaymentController {

	private final PaymentCreation creation;

	private final Payments payments;

	private final PaymentRefresh refresh;

	private final PaymentProperties properties;

	PaymentController(PaymentCreation creation, Payments payments, PaymentRefresh refresh,
			PaymentProperties properties) {
		this.creation = creation;
		this.payments = payments;
		this.refresh = refresh;
		this.properties = properties;
	}

	@Operation(summary = "Pay one of the caller's orders",
			description = "The amount is the order's total as order-service states it. Repeating the request "
					+ "returns the order's open payment at the channel (200) instead of opening another.")
	@ApiResponse(responseCode = "201", description = "Opened: pay at payUrl.")
	@ApiResponse(responseCode = "200", description = "The order's open payment at the channel, unchanged.")
	@ApiResponse(responseCode = "400", description = "invalid-request, unknown-channel",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "404", description = "order-not-found: unknown, or another shopper's",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "409", description = "order-not-payable: not pending payment",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "503", description = "order-service-unavailable, channel-unavailable",
			content = @Content(mediaType = "application/problem+json"))
	@PostMapping("/api/payments")
	@Graded(Grade.CORE)
	ResponseEntity<PaymentView> create(@Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt,
			@Valid @RequestBody CreatePayment request) {
		PaymentCreation.Created created = this.creation.create(jwt.getSubject(), request);
		PaymentView view = PaymentView.of(created.payment());
		return created.created() ? ResponseEntity.created(URI.create("/api/payments/" + view.paymentId())).body(view)
				: ResponseEntity.ok(view);
	}

	@Operation(summary = "One of the caller's payments",
			description = "A payment PAYING for longer than the stuck threshold is first checked at its channel.")
	@ApiResponse(responseCode = "200", description = "The payment.")
	@ApiResponse(responseCode = "404", description = "payment-not-found: unknown, or another shopper's",
			content = @Content(mediaType = "application/problem+json"))
	@GetMapping("/api/payments/{paymentId}")
	@Graded(Grade.CORE)
	PaymentView get(@Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt,
			@PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,40}") String paymentId) {
		Payment payment = this.payments.find(paymentId)
			.filter((candidate) -> candidate.userId().equals(jwt.getSubject()))
			.orElseThrow(() -> new PaymentNotFound(paymentId));
		return PaymentView.of(refreshIfStuck(payment));
	}

	@Operation(summary = "The caller's payments of one order, oldest first")
	@ApiResponse(responseCode = "200", description = "The payments.")
	@ApiResponse(responseCode = "404", description = "payment-not-found: none of the caller's for this order",
			content = @Content(mediaType = "application/problem+json"))
	@GetMapping("/api/payments")
	@Graded(Grade.IMPORTANT)
	List<PaymentView> list(@Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt,
			@RequestParam @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String orderId) {
		List<PaymentView> mine = this.payments.findByOrder(orderId)
			.stream()
			.filter((payment) -> payment.userId().equals(jwt.getSubject()))
			.map(this::refreshIfStuck)
			.map(PaymentView::of)
			.toList();
		if (mine.isEmpty()) {
			throw new PaymentNotFound("order " + orderId);
		}
		return mine;
	}

	private Payment refreshIfStuck(Payment payment) {
		if (payment.status() == PaymentStatus.PAYING
				&& payment.updatedAt().isBefore(Instant.now().minus(this.properties.stuckAfter()))
				&& this.refresh.refresh(payment, "query")) {
			return this.payments.find(payment.id()).orElse(payment);
		}
		return payment;
	}

}
