package io.flashsale.gateway;

import java.time.Duration;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.platform.problem.ProblemTypes;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;

/**
 * Writes the gateway's own answers (401, 403, 413, 429, 503, ...) as RFC 9457 problem
 * details, from filters and handlers where no controller advice reaches. Bodies come from
 * {@link ProblemTypes}, so types and codes match the services'.
 */
@Component
public final class GatewayProblems {

	private final JsonMapper json;

	GatewayProblems(JsonMapper json) {
		this.json = json;
	}

	/**
	 * Seconds for a {@code Retry-After} header: rounded up, never below one, since
	 * {@code Retry-After: 0} invites an immediate retry storm.
	 * @param wait how long the caller should wait
	 * @return whole seconds, at least 1
	 */
	public static long retryAfterSeconds(Duration wait) {
		long millis = Math.max(0, wait.toMillis());
		return Math.max(1, (millis + 999) / 1000);
	}

	public static ProblemDetail problem(HttpStatus status, String code, String title, String detail) {
		return ProblemTypes.problem(status, code, title, detail);
	}

	/**
	 * A problem that tells the caller when to come back, in the {@code Retry-After}
	 * header and as the {@code retryAfterSeconds} member.
	 * @param status the status
	 * @param code the machine code
	 * @param title the title
	 * @param detail the detail, safe to show
	 * @param retryAfterSeconds seconds, at least 1
	 * @return the problem
	 */
	public static ProblemDetail retryLater(HttpStatus status, String code, String title, String detail,
			long retryAfterSeconds) {
		ProblemDetail problem = ProblemTypes.problem(status, code, title, detail);
		problem.setProperty("retryAfterSeconds", retryAfterSeconds);
		return problem;
	}

	/**
	 * Ends the exchange with the problem. Headers already on the response (rate-limit
	 * headers, {@code Retry-After}) are kept; {@code Retry-After} is set from the
	 * problem's {@code retryAfterSeconds} when present.
	 * @param response the response, not yet committed
	 * @param problem the problem
	 * @return completion of the write
	 */
	public Mono<Void> write(ServerHttpResponse response, ProblemDetail problem) {
		Map<String, Object> body = ProblemTypes.asMap(problem);
		response.setStatusCode(HttpStatus.valueOf(problem.getStatus()));
		HttpHeaders headers = response.getHeaders();
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (body.get("retryAfterSeconds") instanceof Number seconds) {
			headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds.longValue()));
		}
		if (problem.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
			headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		}
		DataBuffer buffer = response.bufferFactory().wrap(this.json.writeValueAsBytes(body));
		return response.writeWith(Mono.just(buffer));
	}

}
