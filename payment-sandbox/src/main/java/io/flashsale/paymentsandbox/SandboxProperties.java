package io.flashsale.paymentsandbox;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The sandbox wallets served under {@code /sandbox/<channel>}. Each wallet signs its
 * callbacks with the secret it shares with the merchant,
 * {@code flashsale.payment.channels.<channel>.secret}.
 *
 * @param enabled whether the sandbox endpoints and callback sender run; they never do
 * outside the {@code local} profile, whatever this says
 * @param callbackBaseUrl where callbacks go ({@code /api/payments/callbacks/<channel>} is
 * appended); empty means the application hosting the sandbox
 * @param notifyInterval how often due callbacks are sent
 * @param retryInitial the wait after the first unacknowledged delivery, doubled after
 * each further one
 * @param retryMax the longest wait between two deliveries
 * @param maxAttempts deliveries before the sandbox gives up on a callback
 * @param behaviours each channel's starting behaviour (changeable at runtime)
 */
@Validated
@ConfigurationProperties("flashsale.payment.sandbox")
public record SandboxProperties(@DefaultValue("true") boolean enabled, URI callbackBaseUrl,
		@DefaultValue("500ms") @NotNull @DurationMin(millis = 10) Duration notifyInterval,
		@DefaultValue("1s") @NotNull @DurationMin(millis = 10) Duration retryInitial,
		@DefaultValue("1m") @NotNull @DurationMin(millis = 10) Duration retryMax,
		@DefaultValue("20") @Min(1) int maxAttempts, Map<String, @Valid Behaviour> behaviours) {

	public SandboxProperties {
		behaviours = (behaviours != null) ? Map.copyOf(behaviours) : Map.of();
	}

	public Behaviour behaviour(String channel) {
		return this.behaviours.getOrDefault(channel, Behaviour.NORMAL);
	}

	/**
	 * How a sandbox wallet misbehaves.
	 *
	 * @param callbackDelay wait before the first callback delivery
	 * @param duplicateDeliveries extra deliveries of each acknowledged callback, each
	 * signed afresh
	 * @param dropCallbacks callbacks are lost: never sent
	 * @param failOpen the merchant API is down: open, query, close, refund and statement
	 * answer 503
	 * @param failRate share of merchant API calls answered 503 at random
	 */
	public record Behaviour(@DefaultValue("0s") @NotNull Duration callbackDelay,
			@DefaultValue("0") @Min(0) @Max(10) int duplicateDeliveries, @DefaultValue("false") boolean dropCallbacks,
			@DefaultValue("false") boolean failOpen,
			@DefaultValue("0") @DecimalMin("0.0") @DecimalMax("1.0") double failRate) {

		public static final Behaviour NORMAL = new Behaviour(Duration.ZERO, 0, false, false, 0);

	}

}
