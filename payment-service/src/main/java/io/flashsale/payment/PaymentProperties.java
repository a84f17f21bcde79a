package io.flashsale.payment;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
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
 * payment-service tunables; {@code config-repo/payment-service.yml} mirrors these
 * defaults. Circuit breakers and channel timeouts are Resilience4j's own settings
 * ({@code resilience4j.circuitbreaker.configs.payment-channel},
 * {@code resilience4j.timelimiter.configs.payment-channel}), with code defaults in
 * {@code io.flashsale.payment.channel.Channels}.
 *
 * @param orderUrl base URL of order-service, asked for an order's amount and owner
 * @param orderConnectTimeout time to connect to order-service
 * @param orderReadTimeout time to wait for order-service's answer
 * @param callbackWindow how far a callback's timestamp may be from now, for a
 * notification not applied before (an identical redelivery of an applied one is answered
 * whatever its age, see {@code docs/payment-callbacks.md})
 * @param callbackNonceRetention how long an applied callback's nonce and body hash are
 * kept, so its identical redeliveries are recognised; at least a day (channels retry for
 * up to a day) and more than twice the window
 * @param stuckAfter how long a payment may stay PAYING before the channel is asked
 * @param stuckInterval time between two sweeps of stuck payments
 * @param refundRetryInterval time between two retries of refunds whose channel call
 * failed
 * @param channels the payment channels by name; {@code sandpay} and {@code quickwallet}
 * are always present (enabled, weight 1) unless configured otherwise
 * @param reconciliation the statement comparison
 * @param sandbox the sandbox wallets this service hosts
 */
@Validated
@ConfigurationProperties("flashsale.payment")
public record PaymentProperties(@DefaultValue("http://127.0.0.1:18081") @NotNull URI orderUrl,
		@DefaultValue("1s") @NotNull @DurationMin(millis = 1) Duration orderConnectTimeout,
		@DefaultValue("3s") @NotNull @DurationMin(millis = 1) Duration orderReadTimeout,
		@DefaultValue("5m") @NotNull @DurationMin(seconds = 1) Duration callbackWindow,
		@DefaultValue("2d") @NotNull @DurationMin(hours = 24) Duration callbackNonceRetention,
		@DefaultValue("30s") @NotNull @DurationMin(millis = 100) Duration stuckAfter,
		@DefaultValue("10s") @NotNull @DurationMin(millis = 100) Duration stuckInterval,
		@DefaultValue("30s") @NotNull @DurationMin(millis = 100) Duration refundRetryInterval,
		Map<String, @Valid Channel> channels, @DefaultValue @NotNull @Valid Reconciliation reconciliation,
		@DefaultValue @NotNull @Valid Sandbox sandbox) {

	/** The channels every installation knows: the two sandbox wallets. */
	public static final String SANDPAY = "sandpay";

	public static final String QUICKWALLET = "quickwallet";

	public PaymentProperties {
		if (callbackWindow != null && callbackNonceRetention != null
				&& callbackNonceRetention.compareTo(callbackWindow.multipliedBy(2)) <= 0) {
			throw new IllegalArgumentException(
					"flashsale.payment.callback-nonce-retention must be more than twice the callback window");
		}
		Map<String, Channel> merged = new LinkedHashMap<>();
		merged.put(SANDPAY, Channel.defaults(SANDPAY));
		merged.put(QUICKWALLET, Channel.defaults(QUICKWALLET));
		if (channels != null) {
			merged.putAll(channels);
		}
		channels = Map.copyOf(merged);
	}

	/**
	 * One channel.
	 *
	 * @param enabled whether new payments may be routed to it (callbacks, queries and
	 * refunds of existing payments still work)
	 * @param weight its share of new payments among the healthy enabled channels
	 * @param secret the HMAC key of its signed callbacks, from the environment
	 * ({@code FLASHSALE_PAYMENT_CHANNELS_<NAME>_SECRET}); built in only for the
	 * {@code local} profile, and checked at start by
	 * {@link io.flashsale.payment.channel.ChannelSecrets}
	 * @param url its merchant API; empty means this service's own sandbox at
	 * {@code /sandbox/<name>}
	 */
	public record Channel(@DefaultValue("true") boolean enabled, @DefaultValue("1") @Min(0) @Max(1000) int weight,
			String secret, URI url) {

		static Channel defaults(String name) {
			return new Channel(true, 1, null, null);
		}

	}

	/**
	 * Statement reconciliation.
	 *
	 * @param interval time between two scheduled runs
	 * @param window how far back a scheduled run compares
	 * @param lag how recent a trade may be and still be left to the next run (callbacks
	 * in flight are not drift)
	 */
	public record Reconciliation(@DefaultValue("5m") @NotNull @DurationMin(millis = 100) Duration interval,
			@DefaultValue("1h") @NotNull @DurationMin(seconds = 1) Duration window,
			@DefaultValue("1m") @NotNull Duration lag) {

	}

	/**
	 * The sandbox wallets served under {@code /sandbox/<channel>}.
	 *
	 * @param enabled whether the sandbox endpoints and callback sender run here; they
	 * never do outside the {@code local} profile
	 * @param callbackBaseUrl where callbacks go
	 * ({@code /api/payments/callbacks/<channel>} is appended); empty means this service
	 * @param notifyInterval how often due callbacks are sent
	 * @param retryInitial the wait after the first unacknowledged delivery, doubled after
	 * each further one
	 * @param retryMax the longest wait between two deliveries
	 * @param maxAttempts deliveries before the sandbox gives up on a callback
	 * @param behaviours each channel's starting behaviour (changeable at runtime)
	 */
	public record Sandbox(@DefaultValue("true") boolean enabled, URI callbackBaseUrl,
			@DefaultValue("500ms") @NotNull @DurationMin(millis = 10) Duration notifyInterval,
			@DefaultValue("1s") @NotNull @DurationMin(millis = 10) Duration retryInitial,
			@DefaultValue("1m") @NotNull @DurationMin(millis = 10) Duration retryMax,
			@DefaultValue("20") @Min(1) int maxAttempts, Map<String, @Valid Behaviour> behaviours) {

		public Sandbox {
			behaviours = (behaviours != null) ? Map.copyOf(behaviours) : Map.of();
		}

		public Behaviour behaviour(String channel) {
			return this.behaviours.getOrDefault(channel, Behaviour.NORMAL);
		}

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
