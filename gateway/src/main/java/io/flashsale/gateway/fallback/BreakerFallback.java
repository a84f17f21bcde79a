package io.flashsale.gateway.fallback;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import io.flashsale.gateway.GatewayProblems;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The {@code fallbackUri} of every route's circuit breaker
 * ({@code forward:/fallback/<breaker>}): a 503 {@code service-unavailable} while the
 * service is down or its breaker is open, a 504 {@code upstream-timeout} when it did not
 * answer within the breaker's time limit. {@code Retry-After} is the breaker's wait in
 * the open state, when it next lets a call through.
 *
 * <p>
 * Reached only by the gateway's internal forward; Spring Security denies
 * {@code /fallback/**} to clients.
 */
final class BreakerFallback {

	private static final Logger log = LoggerFactory.getLogger(BreakerFallback.class);

	/** resilience4j's own default wait in the open state. */
	private static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

	private final CircuitBreakerRegistry breakers;

	private final GatewayProblems problems;

	BreakerFallback(CircuitBreakerRegistry breakers, GatewayProblems problems) {
		this.breakers = breakers;
		this.problems = problems;
	}

	Mono<ServerResponse> handle(ServerRequest request) {
		String breaker = request.pathVariable("breaker");
		Throwable failure = request.exchange()
			.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
		ProblemDetail problem;
		if (failure instanceof TimeoutException) {
			log.warn("{} did not answer in time", breaker);
			// The service may still complete the request: a purchase is retried with the
			// same
			// idempotency key, which the service recognises.
			problem = GatewayProblems.problem(HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout", "Upstream timeout",
					"The service did not answer in time; the request may still have been processed.");
		}
		else {
			if (failure instanceof CallNotPermittedException) {
				log.debug("{} breaker is open", breaker);
			}
			else {
				log.warn("{} unavailable: {}", breaker, (failure != null) ? failure.toString() : "unknown");
			}
			problem = GatewayProblems.retryLater(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
					"Service unavailable", "The service is temporarily unavailable; retry later.",
					GatewayProblems.retryAfterSeconds(waitInOpenState(breaker)));
		}
		return ServerResponse.status(problem.getStatus())
			.build((exchange, context) -> this.problems.write(exchange.getResponse(), problem));
	}

	private Duration waitInOpenState(String breaker) {
		return this.breakers.find(breaker)
			.map((cb) -> Duration.ofMillis(cb.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1)))
			.orElse(DEFAULT_WAIT);
	}

}
