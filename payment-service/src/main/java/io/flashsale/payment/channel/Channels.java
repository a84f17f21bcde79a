package io.flashsale.payment.channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

import io.flashsale.payment.PaymentProperties;
import io.flashsale.platform.resilience.CallDefaults;
import io.flashsale.platform.resilience.ResilientCalls;

/**
 * The configured channels, their health, and the choice of a channel for a new payment.
 *
 * <p>
 * Every merchant API call goes through {@link #call}, on the platform's
 * {@link ResilientCalls}: the channel's bulkhead, circuit breaker and time limit
 * (Resilience4j instances named after the channel, settings from
 * {@code resilience4j.*.configs.payment-channel} unless the channel has its own
 * {@code instances.<channel>}). Only {@link ChannelUnavailable} counts as a failure; a
 * refusal is an answer. The fallback is {@link ChannelUnavailable}: a new payment then
 * goes to the next channel of its route, or answers 503 when none is left. An OPEN
 * breaker takes the channel out of {@link #route routing}, so new payments go to the
 * others without trying it.
 */
public class Channels {

	/** The Resilience4j configuration name every channel's breaker and limiter use. */
	public static final String CONFIG = "payment-channel";

	static final CircuitBreakerConfig DEFAULT_BREAKER = CircuitBreakerConfig.custom()
		.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
		.slidingWindowSize(20)
		.minimumNumberOfCalls(5)
		.failureRateThreshold(50)
		.waitDurationInOpenState(Duration.ofSeconds(30))
		.permittedNumberOfCallsInHalfOpenState(3)
		.automaticTransitionFromOpenToHalfOpenEnabled(true)
		.build();

	static final TimeLimiterConfig DEFAULT_TIME_LIMIT = TimeLimiterConfig.custom()
		.timeoutDuration(Duration.ofSeconds(3))
		.cancelRunningFuture(true)
		.build();

	/** At most 100 calls in flight per channel; one more is routed elsewhere at once. */
	static final BulkheadConfig DEFAULT_BULKHEAD = BulkheadConfig.custom()
		.maxConcurrentCalls(100)
		.maxWaitDuration(Duration.ZERO)
		.build();

	static final CallDefaults DEFAULTS = new CallDefaults(CONFIG, DEFAULT_BREAKER, DEFAULT_BULKHEAD,
			DEFAULT_TIME_LIMIT);

	private final Map<String, PaymentChannel> channels;

	/**
	 * Enabled and weight per channel: replaced whole on a refresh
	 * ({@link ChannelSettingsRefresh}), read once per routing decision.
	 */
	private volatile Map<String, PaymentProperties.Channel> settings;

	/**
	 * Runs each call on its own virtual thread, carrying the caller's context (trace,
	 * request id), so the time limit can give up on it.
	 */
	private final ResilientCalls calls;

	Channels(PaymentProperties properties, List<PaymentChannel> channels, ResilientCalls calls) {
		this.calls = calls;
		this.settings = properties.channels();
		Map<String, PaymentChannel> byName = new LinkedHashMap<>();
		for (PaymentChannel channel : channels) {
			byName.put(channel.name(), channel);
			calls.prepare(channel.name(), DEFAULTS);
		}
		this.channels = Map.copyOf(byName);
	}

	/** The time limit of a channel's calls, also its HTTP client's read timeout. */
	static Duration timeLimit(TimeLimiterRegistry limiters) {
		return limiters.getConfiguration(CONFIG).orElse(DEFAULT_TIME_LIMIT).getTimeoutDuration();
	}

	/**
	 * A channel by name, enabled or not (existing payments are served by a disabled
	 * channel too).
	 * @throws UnknownChannel when no such channel is configured
	 */
	public PaymentChannel get(String name) {
		PaymentChannel channel = (name != null) ? this.channels.get(name) : null;
		if (channel == null) {
			throw new UnknownChannel(name);
		}
		return channel;
	}

	/**
	 * The channels to try for a new payment, best first.
	 * @param requested the channel the shopper asked for, or null to let routing choose
	 * @return the requested channel alone; otherwise the enabled channels whose breaker
	 * lets calls through, the first drawn by weight, then the rest by weight
	 * @throws UnknownChannel when the requested channel is unknown or disabled
	 */
	public List<String> route(String requested) {
		Map<String, PaymentProperties.Channel> settings = this.settings;
		if (requested != null) {
			PaymentProperties.Channel setting = settings.get(requested);
			if (!this.channels.containsKey(requested) || setting == null || !setting.enabled()) {
				throw new UnknownChannel(requested);
			}
			return List.of(requested);
		}
		List<String> candidates = new ArrayList<>();
		for (String name : this.channels.keySet()) {
			PaymentProperties.Channel setting = settings.get(name);
			if (setting != null && setting.enabled() && setting.weight() > 0 && healthy(name)) {
				candidates.add(name);
			}
		}
		List<String> ordered = new ArrayList<>(candidates.size());
		while (!candidates.isEmpty()) {
			String next = drawByWeight(candidates);
			ordered.add(next);
			candidates.remove(next);
		}
		return ordered;
	}

	/**
	 * Takes new channel settings (enable and weight are live-tunable); channels that were
	 * not configured at start stay unknown.
	 * @param settings the channels' settings by name
	 */
	void retune(Map<String, PaymentProperties.Channel> settings) {
		this.settings = Map.copyOf(settings);
	}

	/**
	 * The settings routing uses now.
	 * @param name the channel
	 * @return its settings, or null for an unknown channel
	 */
	PaymentProperties.Channel settings(String name) {
		return this.settings.get(name);
	}

	/** Whether the channel's breaker lets calls through (CLOSED or HALF_OPEN). */
	public boolean healthy(String name) {
		if (!this.channels.containsKey(name)) {
			return false;
		}
		CircuitBreaker.State state = this.calls.breaker(name, DEFAULTS).getState();
		return state == CircuitBreaker.State.CLOSED || state == CircuitBreaker.State.HALF_OPEN;
	}

	public List<String> names() {
		return List.copyOf(this.channels.keySet());
	}

	/**
	 * Calls a channel's merchant API through its bulkhead, breaker and time limit.
	 * @throws ChannelUnavailable when the bulkhead is full, the breaker is open, the call
	 * timed out or the channel gave no usable answer
	 * @throws ChannelRefused when the channel refused
	 */
	public <T> T call(String name, Function<PaymentChannel, T> operation) {
		PaymentChannel channel = get(name);
		return this.calls.call(name, DEFAULTS, () -> {
			try {
				return operation.apply(channel);
			}
			catch (ChannelUnavailable | ChannelRefused ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				throw new ChannelUnavailable(name, name + " call failed", ex);
			}
		}, (ex) -> ex instanceof ChannelRefused, (failure) -> {
			if (failure.cause() instanceof ChannelUnavailable unavailable) {
				throw unavailable;
			}
			String reason = switch (failure.reason()) {
				case OPEN -> "The circuit breaker of " + name + " is open";
				case FULL -> "Too many calls in flight to " + name;
				case TIMEOUT -> name + " timed out";
				case FAILED -> name + " call failed";
			};
			throw new ChannelUnavailable(name, reason, failure.cause());
		});
	}

	private String drawByWeight(List<String> candidates) {
		int total = candidates.stream().mapToInt((name) -> this.settings.get(name).weight()).sum();
		int ticket = ThreadLocalRandom.current().nextInt(total);
		for (String name : candidates) {
			ticket -= this.settings.get(name).weight();
			if (ticket < 0) {
				return name;
			}
		}
		return candidates.getLast();
	}

}
