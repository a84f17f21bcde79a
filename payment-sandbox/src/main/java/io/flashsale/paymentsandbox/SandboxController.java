package io.flashsale.paymentsandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import io.flashsale.paymentsandbox.SandboxProperties.Behaviour;
import io.flashsale.platform.degrade.Grade;
import io.flashsale.platform.degrade.Graded;

import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The sandbox wallets' HTTP side: the merchant API payment-service's channel client
 * calls, the page where a shopper confirms, the switches that make a wallet misbehave,
 * and the hooks that make its books drift. No token: a wallet is another party, not one
 * of this platform's users. Graded CORE: it stands in for an outside wallet, which this
 * platform's switches do not shed.
 */
@RestController
@Graded(Grade.CORE)
@Validated
@Tag(name = "sandbox", description = "The sandbox wallets sandpay and quickwallet")
@SecurityRequirements
class SandboxController {

	private static final String WALLET = "/sandbox/{channel}";

	private final SandboxBook book;

	private final SandboxBehaviours behaviours;

	SandboxController(SandboxBook book, SandboxBehaviours behaviours) {
		this.book = book;
		this.behaviours = behaviours;
	}

	@Operation(summary = "Merchant API: open a trade (idempotent by merchantRef)")
	@ApiResponse(responseCode = "201", description = "The trade, with the URL where the shopper pays.")
	@ApiResponse(responseCode = "503", description = "channel-down",
			content = @Content(mediaType = "application/problem+json"))
	@PostMapping(WALLET + "/trades")
	@ResponseStatus(HttpStatus.CREATED)
	TradeView open(@PathVariable String channel, @Valid @RequestBody OpenTrade request) {
		return view(this.book.open(channel, request.merchantRef(), request.orderId(), request.amountCents()));
	}

	@Operation(summary = "Merchant API: query a trade")
	@GetMapping(WALLET + "/trades/{tradeNo}")
	TradeView query(@PathVariable String channel, @PathVariable String tradeNo) {
		return view(this.book.query(channel, tradeNo));
	}

	@Operation(summary = "Merchant API: close an unpaid trade (a paid one is answered unchanged)")
	@PostMapping(WALLET + "/trades/{tradeNo}/close")
	TradeView close(@PathVariable String channel, @PathVariable String tradeNo) {
		return view(this.book.close(channel, tradeNo));
	}

	@Operation(summary = "Merchant API: refund a paid trade in full (idempotent by refundId)")
	@ApiResponse(responseCode = "409", description = "trade-state-conflict: not paid, or another amount",
			content = @Content(mediaType = "application/problem+json"))
	@PostMapping(WALLET + "/trades/{tradeNo}/refund")
	TradeView refund(@PathVariable String channel, @PathVariable String tradeNo,
			@Valid @RequestBody RefundTrade request) {
		return view(this.book.refund(channel, tradeNo, request.refundId(), request.amountCents()));
	}

	@Operation(summary = "Merchant API: the trades opened in [from, to)")
	@GetMapping(WALLET + "/statement")
	Statement statement(@PathVariable String channel, @RequestParam Instant from, @RequestParam Instant to) {
		return new Statement(channel, from, to,
				this.book.statement(channel, from, to).stream().map(this::view).toList());
	}

	@Operation(summary = "Shopper: confirm the payment at the wallet",
			description = "Pays the trade (or fails it with outcome=fail); the wallet then sends its signed "
					+ "callback to the merchant asynchronously, retrying until acknowledged.")
	@ApiResponse(responseCode = "200", description = "The trade after confirmation.")
	@ApiResponse(responseCode = "409", description = "trade-state-conflict: not waiting for payment (closed, paid)",
			content = @Content(mediaType = "application/problem+json"))
	@PostMapping(WALLET + "/trades/{tradeNo}/pay")
	TradeView pay(@PathVariable String channel, @PathVariable String tradeNo,
			@Parameter(description = "success (default) or fail") @RequestParam(defaultValue = "success") @Pattern(
					regexp = "success|fail") String outcome) {
		return view(this.book.pay(channel, tradeNo, "success".equals(outcome)));
	}

	@Operation(summary = "Drift hook: mark a trade paid without any callback")
	@PostMapping(WALLET + "/trades/{tradeNo}/settle")
	TradeView settle(@PathVariable String channel, @PathVariable String tradeNo) {
		return view(this.book.settle(channel, tradeNo));
	}

	@Operation(summary = "Drift hook: the wallet books another amount for the trade")
	@PatchMapping(WALLET + "/trades/{tradeNo}")
	TradeView alter(@PathVariable String channel, @PathVariable String tradeNo,
			@Valid @RequestBody AlterTrade request) {
		return view(this.book.alter(channel, tradeNo, request.amountCents()));
	}

	@Operation(summary = "Drift hook: the wallet forgets the trade")
	@DeleteMapping(WALLET + "/trades/{tradeNo}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void forget(@PathVariable String channel, @PathVariable String tradeNo) {
		this.book.forget(channel, tradeNo);
	}

	@Operation(summary = "The callbacks the wallet owes or sent for a trade")
	@GetMapping(WALLET + "/trades/{tradeNo}/notifications")
	List<SandboxNotification> notifications(@PathVariable String channel, @PathVariable String tradeNo) {
		return this.book.notifications(channel, tradeNo);
	}

	@Operation(summary = "How the wallet behaves now")
	@GetMapping(WALLET + "/behaviour")
	Behaviour behaviour(@PathVariable String channel) {
		SandboxBook.wallet(channel);
		return this.behaviours.of(channel);
	}

	@Operation(summary = "Switch how the wallet behaves",
			description = "callbackDelay (ISO-8601 or 500ms), duplicateDeliveries, dropCallbacks (lost callbacks), "
					+ "failOpen (merchant API answers 503), failRate (share of merchant calls answered 503).")
	@PutMapping(WALLET + "/behaviour")
	Behaviour setBehaviour(@PathVariable String channel, @Valid @RequestBody BehaviourRequest request) {
		SandboxBook.wallet(channel);
		Behaviour behaviour = new Behaviour((request.callbackDelay() != null) ? request.callbackDelay() : Duration.ZERO,
				(request.duplicateDeliveries() != null) ? request.duplicateDeliveries() : 0,
				Boolean.TRUE.equals(request.dropCallbacks()), Boolean.TRUE.equals(request.failOpen()),
				(request.failRate() != null) ? request.failRate() : 0);
		this.behaviours.set(channel, behaviour);
		return behaviour;
	}

	private TradeView view(SandboxTrade trade) {
		String payUrl = ServletUriComponentsBuilder.fromCurrentContextPath()
			.path("/sandbox/{channel}/trades/{tradeNo}/pay")
			.buildAndExpand(trade.channel(), trade.tradeNo())
			.toUriString();
		return new TradeView(trade.tradeNo(), trade.merchantRef(), trade.orderId(), trade.amountCents(), trade.status(),
				payUrl, trade.createdAt(), trade.paidAt(), trade.refundedAt());
	}

	record OpenTrade(@NotBlank @Size(max = 40) String merchantRef, @NotBlank @Size(max = 64) String orderId,
			@NotNull @Positive Long amountCents) {

	}

	record RefundTrade(@NotBlank @Size(max = 64) String refundId, @NotNull @Positive Long amountCents) {

	}

	record AlterTrade(@NotNull @Positive Long amountCents) {

	}

	/** Absent fields mean normal behaviour. */
	record BehaviourRequest(Duration callbackDelay, @Min(0) @Max(10) Integer duplicateDeliveries, Boolean dropCallbacks,
			Boolean failOpen, @DecimalMin("0.0") @DecimalMax("1.0") Double failRate) {

	}

	record TradeView(String tradeNo, String merchantRef, String orderId, long amountCents, TradeStatus status,
			String payUrl, Instant createdAt, Instant paidAt, Instant refundedAt) {

	}

	record Statement(String channel, Instant from, Instant to, List<TradeView> trades) {

	}

}
