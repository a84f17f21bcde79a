package io.flashsale.payment.reconciliation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Pattern;

import io.flashsale.payment.PaymentProperties;
import io.flashsale.payment.channel.ChannelUnavailable;
import io.flashsale.payment.channel.Channels;
import io.flashsale.payment.channel.NoChannelAvailable;
import io.flashsale.platform.degrade.Grade;
import io.flashsale.platform.degrade.Graded;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ops run a reconciliation now and read the latest reports (ADMIN only). NON_CORE: shed
 * first; the scheduled runs go on.
 */
@RestController
@Graded(Grade.NON_CORE)
@Validated
class ReconciliationController {

	private static final Duration LONGEST_WINDOW = Duration.ofDays(31);

	private final StatementReconciliation reconciliation;

	private final Channels channels;

	private final PaymentProperties properties;

	ReconciliationController(StatementReconciliation reconciliation, Channels channels, PaymentProperties properties) {
		this.reconciliation = reconciliation;
		this.channels = channels;
		this.properties = properties;
	}

	@Operation(summary = "Reconcile channel statements with the ledger now",
			description = "One channel or all, over [from, to); by default the configured window ending now.")
	@ApiResponse(responseCode = "200", description = "One report per channel reconciled.")
	@ApiResponse(responseCode = "400", description = "invalid-request, unknown-channel, invalid-window",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "503", description = "channel-unavailable: a statement could not be fetched",
			content = @Content(mediaType = "application/problem+json"))
	@PostMapping("/api/admin/payments/reconciliation")
	List<ReconciliationReport> run(
			@RequestParam(required = false) @Pattern(regexp = "[a-z][a-z0-9-]{0,31}") String channel,
			@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
		Instant end = (to != null) ? to : Instant.now();
		Instant start = (from != null) ? from : end.minus(this.properties.reconciliation().window());
		if (!start.isBefore(end) || Duration.between(start, end).compareTo(LONGEST_WINDOW) > 0) {
			throw new InvalidWindow("from must be before to, at most 31 days apart.");
		}
		List<String> targets = (channel != null) ? List.of(this.channels.get(channel).name()) : this.channels.names();
		try {
			return targets.stream().map((name) -> this.reconciliation.run(name, start, end)).toList();
		}
		catch (ChannelUnavailable ex) {
			throw new NoChannelAvailable();
		}
	}

	@Operation(summary = "The latest reconciliation report of each channel")
	@GetMapping("/api/admin/payments/reconciliation")
	List<ReconciliationReport> latest() {
		return this.reconciliation.latest();
	}

}
