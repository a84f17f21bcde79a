package io.flashsale.payment;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.Valid;
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
		Map<String, @Valid Channel> channels, @DefaultValue @NotNull @Valid Reconciliation reconciliation) {

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

}
