package io.flashsale.gateway.ratelimit;

import reactor.core.publisher.Mono;

import io.flashsale.gateway.GatewayProblems;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

/**
 * Turns blocked callers away before any rate limit, body read or routing: 429
 * {@code blacklisted} with {@code Retry-After} set to the rest of the block. A blocked
 * caller's requests neither spend tokens nor count as new rejections, so a block ends
 * when its time is up.
 */
final class BlacklistFilter implements GlobalFilter, Ordered {

	/** Early among the gateway's filters; see {@link RateLimitFilter#ORDER}. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private final Callers callers;

	private final Blacklist blacklist;

	private final GatewayProblems problems;

	BlacklistFilter(Callers callers, Blacklist blacklist, GatewayProblems problems) {
		this.callers = callers;
		this.blacklist = blacklist;
		this.problems = problems;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		if (!this.blacklist.enabled()) {
			return chain.filter(exchange);
		}
		return this.callers.resolve(exchange)
			.flatMap(this.blacklist::remainingBlock)
			.map((remaining) -> GatewayProblems.retryLater(HttpStatus.TOO_MANY_REQUESTS, "blacklisted", "Blocked",
					"Too many rejected requests; this caller is blocked for a while.",
					GatewayProblems.retryAfterSeconds(remaining)))
			.flatMap((problem) -> this.problems.write(exchange.getResponse(), problem).thenReturn(true))
			.switchIfEmpty(Mono.defer(() -> chain.filter(exchange).thenReturn(false)))
			.then();
	}

}
