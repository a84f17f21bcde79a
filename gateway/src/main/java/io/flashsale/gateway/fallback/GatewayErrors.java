package io.flashsale.gateway.fallback;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import io.flashsale.gateway.GatewayProblems;
import io.flashsale.platform.problem.ProblemTypes;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * The last resort: whatever fails outside the breakers (no route, a method the route does
 * not take, a bug) leaves as a problem detail instead of Boot's error JSON. Runs before
 * Boot's handler (order -1). A 5xx never carries the exception's message.
 */
final class GatewayErrors implements WebExceptionHandler, Ordered {

	private static final Logger log = LoggerFactory.getLogger(GatewayErrors.class);

	private final GatewayProblems problems;

	GatewayErrors(GatewayProblems problems) {
		this.problems = problems;
	}

	@Override
	public int getOrder() {
		return -2;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		ProblemDetail problem = problemFor(ex);
		if (ex instanceof ResponseStatusException status) {
			status.getHeaders().forEach((name, values) -> exchange.getResponse().getHeaders().put(name, values));
		}
		return this.problems.write(exchange.getResponse(), problem);
	}

	private ProblemDetail problemFor(Throwable ex) {
		if (ex instanceof ResponseStatusException status && !status.getStatusCode().is5xxServerError()) {
			HttpStatusCode code = status.getStatusCode();
			HttpStatus known = HttpStatus.resolve(code.value());
			return GatewayProblems.problem((known != null) ? known : HttpStatus.BAD_REQUEST, ProblemTypes.codeFor(code),
					(known != null) ? known.getReasonPhrase() : "Request failed", null);
		}
		if (ex instanceof DataBufferLimitException) {
			return GatewayProblems.problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
					null);
		}
		if (hasCause(ex, ConnectException.class)) {
			log.warn("Service unreachable: {}", ex.toString());
			return GatewayProblems.retryLater(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
					"Service unavailable", "The service is temporarily unavailable; retry later.", 5);
		}
		if (hasCause(ex, TimeoutException.class)) {
			log.warn("Service timed out: {}", ex.toString());
			return GatewayProblems.problem(HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout", "Upstream timeout",
					"The service did not answer in time; the request may still have been processed.");
		}
		log.error("Unhandled gateway error", ex);
		return GatewayProblems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
				"The request could not be completed. Quote the X-Request-Id header when reporting it.");
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

}
