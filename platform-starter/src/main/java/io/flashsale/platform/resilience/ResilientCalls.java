package io.flashsale.platform.resilience;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Every synchronous call to another service or a payment channel goes through here: a
 * semaphore bulkhead, then a circuit breaker around a time limit, and a fallback when any
 * of them, or the call itself, gives no answer.
 *
 * <p>
 * Settings come from Boot's Resilience4j registries, so
 * {@code resilience4j.circuitbreaker|bulkhead|timelimiter.instances.<name>} in
 * {@code config-repo/} set them; what is not set there comes from the call's
 * {@link CallDefaults}. The instances are looked up on every call, not kept: with Spring
 * Cloud on the classpath the registries are refresh-scoped, and a refresh (any pushed
 * config change) replaces them with new ones built from the new settings.
 *
 * <p>
 * The bulkhead is outermost, so a call refused for being one too many is not a failure of
 * the service called (the breaker does not see it), and the permit is returned when the
 * caller gets its answer. The call runs on a virtual thread carrying the caller's context
 * (trace, security context, request id) so the time limiter can stop waiting and
 * interrupt it.
 *
 * <p>
 * A call's exceptions are failures unless its {@code answer} predicate says the called
 * service answered (a 404, a refusal): those reach the caller unchanged and count as
 * successes for the breaker, whatever exceptions {@code config-repo/} tells it to record.
 */
public class ResilientCalls implements AutoCloseable {

	private final CircuitBreakerRegistry breakers;

	private final BulkheadRegistry bulkheads;

	private final TimeLimiterRegistry limiters;

	private final MeterRegistry meters;

	private final ExecutorService calls = ContextExecutorService.wrap(Executors.newVirtualThreadPerTaskExecutor(),
			ContextSnapshotFactory.builder().build()::captureAll);

	public ResilientCalls(CircuitBreakerRegistry breakers, BulkheadRegistry bulkheads, TimeLimiterRegistry limiters,
			MeterRegistry meters) {
		this.breakers = breakers;
		this.bulkheads = bulkheads;
		this.limiters = limiters;
		this.meters = meters;
	}

	/**
	 * Makes a call whose every exception is a failure.
	 * @see #call(String, CallDefaults, Supplier, Predicate, Function)
	 */
	public <T> T call(String name, CallDefaults defaults, Supplier<T> operation, Function<CallFailure, T> fallback) {
		return call(name, defaults, operation, (ex) -> false, fallback);
	}

	/**
	 * Makes a call.
	 * @param name the Resilience4j instance name of the breaker, bulkhead and time limit
	 * @param defaults the settings {@code config-repo/} does not give
	 * @param operation the call; it runs on another thread
	 * @param answer which of the call's exceptions are answers of the service called
	 * rather than failures; they are rethrown as they are
	 * @param fallback what the caller gets when there is no answer; it may throw
	 * @return the call's result or the fallback's
	 */
	public <T> T call(String name, CallDefaults defaults, Supplier<T> operation,
			Predicate<? super RuntimeException> answer, Function<CallFailure, T> fallback) {
		Bulkhead bulkhead = bulkhead(name, defaults);
		if (!bulkhead.tryAcquirePermission()) {
			return fallback(fallback, new CallFailure(name, CallFailure.Reason.FULL,
					BulkheadFullException.createBulkheadFullException(bulkhead)));
		}
		Outcome<T> outcome;
		try {
			CircuitBreaker breaker = breaker(name, defaults);
			TimeLimiter limiter = timeLimiter(name, defaults);
			outcome = breaker.executeCallable(
					() -> limiter.executeFutureSupplier(() -> this.calls.submit(() -> Outcome.of(operation, answer))));
		}
		catch (CallNotPermittedException ex) {
			return fallback(fallback, new CallFailure(name, CallFailure.Reason.OPEN, ex));
		}
		catch (TimeoutException ex) {
			return fallback(fallback, new CallFailure(name, CallFailure.Reason.TIMEOUT, ex));
		}
		catch (ExecutionException ex) {
			return fallback(fallback,
					new CallFailure(name, CallFailure.Reason.FAILED, (ex.getCause() != null) ? ex.getCause() : ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return fallback(fallback, new CallFailure(name, CallFailure.Reason.FAILED, ex));
		}
		catch (Exception ex) {
			return fallback(fallback, new CallFailure(name, CallFailure.Reason.FAILED, ex));
		}
		finally {
			bulkhead.onComplete();
		}
		return outcome.get();
	}

	/**
	 * The call's circuit breaker, created with its settings if it does not exist yet.
	 * Services create theirs at startup so that tests and health checks find them.
	 */
	public CircuitBreaker breaker(String name, CallDefaults defaults) {
		return this.breakers.circuitBreaker(name,
				() -> (defaults.sharedConfig() != null)
						? this.breakers.getConfiguration(defaults.sharedConfig()).orElse(defaults.breaker())
						: defaults.breaker());
	}

	public Bulkhead bulkhead(String name, CallDefaults defaults) {
		return this.bulkheads.bulkhead(name,
				() -> (defaults.sharedConfig() != null)
						? this.bulkheads.getConfiguration(defaults.sharedConfig()).orElse(defaults.bulkhead())
						: defaults.bulkhead());
	}

	public TimeLimiter timeLimiter(String name, CallDefaults defaults) {
		return this.limiters.timeLimiter(name,
				() -> (defaults.sharedConfig() != null)
						? this.limiters.getConfiguration(defaults.sharedConfig()).orElse(defaults.timeLimit())
						: defaults.timeLimit());
	}

	/** Creates the call's breaker, bulkhead and time limit now (their metrics appear). */
	public void prepare(String name, CallDefaults defaults) {
		breaker(name, defaults);
		bulkhead(name, defaults);
		timeLimiter(name, defaults);
	}

	private <T> T fallback(Function<CallFailure, T> fallback, CallFailure failure) {
		Counter.builder("flashsale.calls.fallback")
			.description("Calls to other services answered by their fallback")
			.tag("call", failure.call())
			.tag("reason", failure.reason().tag())
			.register(this.meters)
			.increment();
		return fallback.apply(failure);
	}

	@Override
	public void close() {
		this.calls.shutdownNow();
	}

	/**
	 * What a call returned, or the answer it threw: carried past the breaker as a value
	 * so the breaker counts it as a success.
	 */
	private record Outcome<T>(T value, RuntimeException answer) {

		static <T> Outcome<T> of(Supplier<T> operation, Predicate<? super RuntimeException> answer) {
			try {
				return new Outcome<>(operation.get(), null);
			}
			catch (RuntimeException ex) {
				if (answer.test(ex)) {
					return new Outcome<>(null, ex);
				}
				throw ex;
			}
		}

		T get() {
			if (this.answer != null) {
				throw this.answer;
			}
			return this.value;
		}

	}

}
