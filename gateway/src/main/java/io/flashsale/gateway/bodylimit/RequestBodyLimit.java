package io.flashsale.gateway.bodylimit;

import java.util.Optional;

import reactor.core.publisher.Mono;

import io.flashsale.gateway.RequestBodies;
import io.flashsale.gateway.GatewayProblems;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Answers 413 {@code payload-too-large} for a body over the limit, before security,
 * limits or routing spend anything on it.
 *
 * <p>
 * A declared {@code Content-Length} over the limit is rejected unread; under it, the
 * server's HTTP codec holds the body to that length. A chunked body has no declared
 * length, so it is read here up to the limit and rejected as soon as it passes it; a body
 * within the limit is forwarded with a {@code Content-Length}, from a heap copy that
 * needs no release should nobody read it.
 */
final class RequestBodyLimit implements WebFilter, Ordered {

	/** Before Spring Security's filter chain (order -100). */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private final int maxBytes;

	private final GatewayProblems problems;

	RequestBodyLimit(RequestBodyProperties properties, GatewayProblems problems) {
		this.maxBytes = (int) Math.min(Integer.MAX_VALUE, properties.maxSize().toBytes());
		this.problems = problems;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		HttpHeaders headers = request.getHeaders();
		long declared = headers.getContentLength();
		if (declared > this.maxBytes) {
			return tooLarge(exchange);
		}
		if (declared >= 0 || !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
			return chain.filter(exchange);
		}
		return DataBufferUtils.join(request.getBody(), this.maxBytes)
			.map(RequestBodies::copyAndRelease)
			.defaultIfEmpty(new byte[0])
			.map(Optional::of)
			.onErrorResume(DataBufferLimitException.class, (ex) -> Mono.just(Optional.empty()))
			.flatMap((body) -> body.isPresent()
					? chain.filter(exchange.mutate().request(RequestBodies.withBody(request, body.get())).build())
					: tooLarge(exchange));
	}

	private Mono<Void> tooLarge(ServerWebExchange exchange) {
		return this.problems.write(exchange.getResponse(), GatewayProblems.problem(HttpStatus.CONTENT_TOO_LARGE,
				"payload-too-large", "Payload too large", "The request body exceeds " + this.maxBytes + " bytes."));
	}

}
