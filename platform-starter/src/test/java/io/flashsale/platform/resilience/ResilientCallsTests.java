package io.flashsale.platform.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ResilientCallsTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ResilientCalls calls = new ResilientCalls(CircuitBreakerRegistry.ofDefaults(),
			BulkheadRegistry.ofDefaults(), TimeLimiterRegistry.ofDefaults(), this.meters);

	/** Breaker: window 4, all 4 calls, 50%; bulkhead 2; time limit 300 ms. */
	private final CallDefaults defaults = CallDefaults.standard(Duration.ofMillis(300))
		.withBreaker(CircuitBreakerConfig.custom()
			.slidingWindowSize(4)
			.minimumNumberOfCalls(4)
			.failureRateThreshold(50)
			.waitDurationInOpenState(Duration.ofMinutes(10))
			.build())
		.withBulkhead(BulkheadConfig.custom().maxConcurrentCalls(2).maxWaitDuration(Duration.ZERO).build());

	@AfterEach
	void close() {
		this.calls.close();
	}

	@Test
	void opensTheBreakerAfterFourFailuresAndThenAnswersTheFallbackWithoutCalling() {
		AtomicInteger made = new AtomicInteger();
		for (int i = 0; i < 4; i++) {
			assertThat(call(() -> {
				made.incrementAndGet();
				throw new IllegalStateException("down");
			})).isEqualTo("fallback:FAILED");
		}
		assertThat(this.calls.breaker("dep", this.defaults).getState()).isEqualTo(CircuitBreaker.State.OPEN);

		assertThat(call(() -> {
			made.incrementAndGet();
			return "answer";
		})).isEqualTo("fallback:OPEN");
		assertThat(made).hasValue(4);
		assertThat(this.meters.counter("flashsale.calls.fallback", "call", "dep", "reason", "failed").count())
			.isEqualTo(4);
		assertThat(this.meters.counter("flashsale.calls.fallback", "call", "dep", "reason", "open").count())
			.isEqualTo(1);
	}

	@Test
	void answersTheFallbackWhenTheCallOutlivesItsTimeLimitAndInterruptsIt() throws Exception {
		CountDownLatch interrupted = new CountDownLatch(1);
		assertThat(call(() -> {
			try {
				Thread.sleep(10_000);
			}
			catch (InterruptedException ex) {
				interrupted.countDown();
			}
			return "late";
		})).isEqualTo("fallback:TIMEOUT");
		assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void refusesCallsBeyondTheBulkheadWithoutCountingThemAsFailures() throws Exception {
		// Bulkhead 2, time limit 30 s: 2 calls are held inside, 5 more are refused at
		// once.
		CallDefaults patient = this.defaults
			.withTimeLimit(TimeLimiterConfig.custom().timeoutDuration(Duration.ofSeconds(30)).build());
		CountDownLatch inside = new CountDownLatch(2);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
		List<Future<String>> held = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			held.add(callers.submit(() -> this.calls.call("held", patient, () -> {
				inside.countDown();
				await(release);
				return "answer";
			}, (failure) -> "fallback:" + failure.reason())));
		}
		assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
		List<String> refused = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			refused.add(this.calls.call("held", patient, () -> "answer", (failure) -> "fallback:" + failure.reason()));
		}
		release.countDown();

		assertThat(refused).hasSize(5).containsOnly("fallback:FULL");
		for (Future<String> call : held) {
			assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("answer");
		}
		CircuitBreaker.Metrics breaker = this.calls.breaker("held", patient).getMetrics();
		assertThat(breaker.getNumberOfSuccessfulCalls()).isEqualTo(2);
		assertThat(breaker.getNumberOfFailedCalls()).isZero();
		callers.close();
	}

	@Test
	void passesAnswersThroughAsSuccessesOfTheBreaker() {
		for (int i = 0; i < 6; i++) {
			assertThatExceptionOfType(Refusal.class).isThrownBy(() -> this.calls.call("dep", this.defaults, () -> {
				throw new Refusal();
			}, (ex) -> ex instanceof Refusal, (failure) -> "fallback"));
		}
		CircuitBreaker breaker = this.calls.breaker("dep", this.defaults);
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(4);
	}

	/** The HTTP clients relay the caller's token from the security context. */
	@Test
	void carriesTheCallersSecurityContextOntoTheCallsThread() {
		AtomicReference<Object> seen = new AtomicReference<>();
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("alice", "token"));
		try {
			call(() -> {
				seen.set(SecurityContextHolder.getContext().getAuthentication().getName());
				return "answer";
			});
		}
		finally {
			SecurityContextHolder.clearContext();
		}
		assertThat(seen).hasValue("alice");
	}

	private String call(java.util.function.Supplier<String> operation) {
		return this.calls.call("dep", this.defaults, operation, (failure) -> "fallback:" + failure.reason());
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static class Refusal extends RuntimeException {

	}

}
