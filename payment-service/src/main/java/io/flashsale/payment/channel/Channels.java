package io.flashsale.payment.channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

import io.flashsale.payment.PaymentProperties;

/**
 * The configured channels, their health, and the choice of a channel for a new payment.
 *
 * <p>
 * Every merchant API call goes through {@link #call}: the channel's circuit breaker
 * (Resilience4j, named after the channel, settings from
 * {@code resilience4j.circuitbreaker.configs.payment-channel}) around its time limit
 * ({@code resilience4j.timelimiter.configs.payment-channel}). Only
 * {@link ChannelUnavailable} counts as a failure; a refusal is an answer. An OPEN breaker
 * takes the channel out of {@link #route routing}, so new payments go to the others.
 */
public class Channels implements AutoCloseable {

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

	private final Map<String, PaymentChannel> channels;

	/**
	 * Enabled and weight per channel: replaced whole on a refresh
	 * ({@link ChannelSettingsRefresh}), read once per routing decision.
	 */
	private volatile Map<String, PaymentProperties.Channel> settings;

	private final Map<String, CircuitBreaker> breakers = new LinkedHashMap<>();

	private final Map<String, TimeLimiter> limiters = new LinkedHashMap<>();

	/**
	 * Runs each call on its own virtual thread so the time limit can give up on it; the
	 * caller's context (trace, request id) travels with it.
	 */
	private final ExecutorService calls = ContextExecutorService.wrap(Executors.newVirtualThreadPerTaskExecutor(),
			ContextSnapshotFactory.builder().build()::captureAll);

	Channels(PaymentProperties properties, List<PaymentChannel> channels, CircuitBreakerRegistry breakers,
			TimeLimiterRegistry limiters) {
		this.settings = properties.channels();
		Map<String, PaymentChannel> byName = new LinkedHashMap<>();
		for (PaymentChannel channel : channels) {
			byName.put(channel.name(), channel);
			this.breakers.put(channel.name(), breakers.circuitBreaker(channel.name(), breakerConfig(breakers)));
			this.limiters.put(channel.name(),
					limiters.timeLimiter(channel.name(), limiters.getConfiguration(CONFIG).orElse(DEFAULT_TIME_LIMIT)));
		}
		this.channels = Map.copyOf(byName);
	}

	/**
	 * The channel's own breaker settings, but failures are always the unavailable calls.
	 */
	private static CircuitBreakerConfig breakerConfig(CircuitBreakerRegistry breakers) {
		return CircuitBreakerConfig.from(breakers.getConfiguration(CONFIG).orElse(DEFAULT_BREAKER))
			.recordException((ex) -> ex instanceof ChannelUnavailable)
			.ignoreExceptions()
			.build();
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
		CircuitBreaker breaker = this.breakers.get(name);
		return breaker != null && (breaker.getState() == CircuitBreaker.State.CLOSED
				|| breaker.getState() == CircuitBreaker.State.HALF_OPEN);
	}

	public List<String> names() {
		return List.copyOf(this.channels.keySet());
	}

	/**
	 * Calls a channel's merchant API through its breaker and time limit.
	 * @throws ChannelUnavailable when the breaker is open, the call timed out or the
	 * channel gave no usable answer
	 * @throws ChannelRefused when the channel refused
	 */
	public <T> T call(String name, Function<PaymentChannel, T> operation) {
		PaymentChannel channel = get(name);
		CircuitBreaker breaker = this.breakers.get(name);
		TimeLimiter limiter = this.limiters.get(name);
		try {
			return breaker.executeSupplier(() -> timed(channel, limiter, operation));
		}
		catch (CallNotPermittedException ex) {
			throw new ChannelUnavailable(name, "The circuit breaker of " + name + " is open", ex);
		}
	}

	private <T> T timed(PaymentChannel channel, TimeLimiter limiter, Function<PaymentChannel, T> operation) {
		try {
			return limiter
				.executeFutureSupplier(() -> CompletableFuture.supplyAsync(() -> operation.apply(channel), this.calls));
		}
		catch (TimeoutException ex) {
			throw new ChannelUnavailable(channel.name(), channel.name() + " timed out", ex);
		}
		catch (ExecutionException ex) {
			throw unwrap(channel, ex.getCause());
		}
		catch (RuntimeException ex) {
			throw unwrap(channel, ex);
		}
		catch (Exception ex) {
			throw new ChannelUnavailable(channel.name(), channel.name() + " call failed", ex);
		}
	}

	private static RuntimeException unwrap(PaymentChannel channel, Throwable cause) {
		Throwable actual = (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null)
				? cause.getCause() : cause;
		if (actual instanceof ChannelUnavailable || actual instanceof ChannelRefused) {
			return (RuntimeException) actual;
		}
		return new ChannelUnavailable(channel.name(), channel.name() + " call failed", actual);
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

	@Override
	public void close() {
		this.calls.shutdownNow();
	}

}
