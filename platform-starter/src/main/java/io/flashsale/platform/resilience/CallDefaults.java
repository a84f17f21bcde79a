package io.flashsale.platform.resilience;

import java.time.Duration;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

/**
 * The code defaults of one kind of call, used for each part (breaker, bulkhead, time
 * limit) that {@code resilience4j.<part>.instances.<name>} does not configure, nor
 * {@code resilience4j.<part>.configs.<sharedConfig>} when a shared configuration is
 * named. So a service starts with sane settings when the config server is absent.
 *
 * @param sharedConfig the Resilience4j configuration several instances share (payment
 * channels), or null
 * @param breaker the circuit breaker
 * @param bulkhead the semaphore bulkhead
 * @param timeLimit the time limit
 */
public record CallDefaults(String sharedConfig, CircuitBreakerConfig breaker, BulkheadConfig bulkhead,
		TimeLimiterConfig timeLimit) {

	/**
	 * A breaker over the last 20 calls that opens at 50% failures once 10 calls were seen
	 * and probes again after 30 s; at most 50 calls in flight, none waiting; the given
	 * time limit, after which the call is interrupted.
	 * @param timeLimit how long a call may take
	 * @return the defaults
	 */
	public static CallDefaults standard(Duration timeLimit) {
		return new CallDefaults(null,
				CircuitBreakerConfig.custom()
					.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
					.slidingWindowSize(20)
					.minimumNumberOfCalls(10)
					.failureRateThreshold(50)
					.waitDurationInOpenState(Duration.ofSeconds(30))
					.permittedNumberOfCallsInHalfOpenState(3)
					.automaticTransitionFromOpenToHalfOpenEnabled(true)
					.build(),
				BulkheadConfig.custom().maxConcurrentCalls(50).maxWaitDuration(Duration.ZERO).build(),
				TimeLimiterConfig.custom().timeoutDuration(timeLimit).cancelRunningFuture(true).build());
	}

	public CallDefaults withSharedConfig(String name) {
		return new CallDefaults(name, this.breaker, this.bulkhead, this.timeLimit);
	}

	public CallDefaults withBreaker(CircuitBreakerConfig config) {
		return new CallDefaults(this.sharedConfig, config, this.bulkhead, this.timeLimit);
	}

	public CallDefaults withBulkhead(BulkheadConfig config) {
		return new CallDefaults(this.sharedConfig, this.breaker, config, this.timeLimit);
	}

	public CallDefaults withTimeLimit(TimeLimiterConfig config) {
		return new CallDefaults(this.sharedConfig, this.breaker, this.bulkhead, config);
	}

}
