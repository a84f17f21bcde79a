package io.flashsale.gateway.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import io.flashsale.gateway.GatewayProblems;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Token buckets on Redis: Spring Cloud Gateway's {@link RedisRateLimiter} and its Lua
 * script, one configuration per bucket. A routed request is checked, in this order,
 * against its client IP's bucket (every route), its user's purchase bucket
 * ({@code POST /api/orders}) and its route's global bucket (routes listed under
 * {@code flashsale.gateway.rate-limits.routes}). The order means a request rejected for
 * its caller never spends the route's shared capacity.
 *
 * <p>
 * A rejection is a 429 problem ({@code rate-limited}) with {@code Retry-After} and the
 * limiter's {@code X-RateLimit-*} headers, and counts against the caller on the
 * {@link Blacklist} (user or IP, whichever bucket ran dry; an exhausted route bucket is
 * nobody's fault).
 *
 * <p>
 * When Redis does not answer within {@code redis-timeout} (or the limiter reports its own
 * Redis error):
 * <ul>
 * <li>the IP and user buckets fail open: a Redis outage must not become an outage for
 * every shopper, and order-service enforces per-user purchase limits in its own Lua
 * script and pauses the sale without Redis anyway;</li>
 * <li>a route bucket falls back to a {@link LocalTokenBucket} holding this replica's
 * share of the route's rate: the service behind the route has the same capacity whether
 * or not Redis is up, so its protection must not vanish with Redis.</li>
 * </ul>
 */
final class RateLimitFilter implements GlobalFilter, Ordered {

	/**
	 * After the blacklist, before Spring Cloud Gateway caches request bodies
	 * ({@code HIGHEST_PRECEDENCE + 1000}) and before the route filters (circuit breaker),
	 * so a rejection costs neither a body read nor a breaker call.
	 */
	static final int ORDER = BlacklistFilter.ORDER + 10;

	enum Limiter {

		USER, IP, ROUTE;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	static final String IP_BUCKET = "ip";

	static final String USER_BUCKET = "user-purchases";

	static final String ROUTE_BUCKET_PREFIX = "route:";

	/** The one key of a route's global bucket. */
	static final String EVERYONE = "all";

	private static final String PURCHASE_PATH = "/api/orders";

	private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

	private static final Duration OUTAGE_LOG_INTERVAL = Duration.ofSeconds(10);

	private final AtomicLong outageLoggedAt = new AtomicLong(System.nanoTime() - OUTAGE_LOG_INTERVAL.toNanos());

	private final RedisRateLimiter limiter;

	/** Replaced whole by {@link #retune}, as are the local route buckets. */
	private volatile RateLimitProperties properties;

	private final Callers callers;

	private final Blacklist blacklist;

	private final GatewayProblems problems;

	private volatile Map<String, LocalTokenBucket> localRouteBuckets = Map.of();

	private final Map<Limiter, Counter> rejected = new EnumMap<>(Limiter.class);

	private final Map<Limiter, Counter> unavailable = new EnumMap<>(Limiter.class);

	RateLimitFilter(RedisRateLimiter limiter, RateLimitProperties properties, Callers callers, Blacklist blacklist,
			GatewayProblems problems, MeterRegistry meters) {
		this.limiter = limiter;
		this.properties = properties;
		this.callers = callers;
		this.blacklist = blacklist;
		this.problems = problems;
		retune(properties);
		for (Limiter kind : Limiter.values()) {
			this.rejected.put(kind,
					Counter.builder("flashsale.gateway.rate.limited")
						.description("Requests rejected by a gateway rate limit")
						.tag("limiter", kind.tag())
						.register(meters));
			this.unavailable.put(kind,
					Counter.builder("flashsale.gateway.rate.limiter.unavailable")
						.description("Rate-limit checks Redis did not answer; the limiter's fallback decided")
						.tag("limiter", kind.tag())
						.register(meters));
		}
	}

	/**
	 * Applies new limits (a refresh of {@code flashsale.gateway.rate-limits.*}): the
	 * buckets' rates, burst and cost, the on/off switch, the Redis timeout and the
	 * replica count take effect for the next request. A bucket's tokens in Redis are
	 * kept; a route's local fallback bucket starts full. {@code trusted-proxy-hops} is
	 * read at start only (it describes the network in front, not the load).
	 * @param properties the new limits, validated
	 */
	synchronized void retune(RateLimitProperties properties) {
		Map<String, LocalTokenBucket> local = new HashMap<>();
		this.limiter.getConfig().put(IP_BUCKET, config(properties.ip()));
		this.limiter.getConfig().put(USER_BUCKET, config(properties.user()));
		properties.routes().forEach((route, bucket) -> {
			this.limiter.getConfig().put(ROUTE_BUCKET_PREFIX + route, config(bucket));
			local.put(route, LocalTokenBucket.shareOf(bucket, properties.instances(), System::nanoTime));
		});
		this.localRouteBuckets = Map.copyOf(local);
		this.properties = properties;
	}

	private static RedisRateLimiter.Config config(RateLimitProperties.Bucket bucket) {
		// Replenish rate first: the burst setter checks it is not below the rate.
		return new RedisRateLimiter.Config().setReplenishRate(bucket.replenishRate())
			.setBurstCapacity(bucket.burstCapacity())
			.setRequestedTokens(bucket.requestedTokens());
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		if (!this.properties.enabled()) {
			return chain.filter(exchange);
		}
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		return this.callers.resolve(exchange)
			.flatMap((caller) -> check(checks(route, exchange.getRequest(), caller)).flatMap((verdict) -> {
				if (verdict.allowed()) {
					verdict.headers().forEach(exchange.getResponse().getHeaders()::set);
					return chain.filter(exchange);
				}
				return reject(exchange, caller, verdict);
			}));
	}

	private List<Supplier<Mono<Verdict>>> checks(Route route, ServerHttpRequest request, Caller caller) {
		List<Supplier<Mono<Verdict>>> checks = new ArrayList<>(3);
		checks.add(() -> ask(Limiter.IP, IP_BUCKET, caller.ip()));
		if (caller.userId() != null && isPurchase(request)) {
			checks.add(() -> ask(Limiter.USER, USER_BUCKET, caller.userId()));
		}
		if (route != null && this.localRouteBuckets.containsKey(route.getId())) {
			checks.add(() -> ask(Limiter.ROUTE, ROUTE_BUCKET_PREFIX + route.getId(), EVERYONE));
		}
		return checks;
	}

	static boolean isPurchase(ServerHttpRequest request) {
		String path = request.getPath().pathWithinApplication().value();
		return request.getMethod() == HttpMethod.POST
				&& (path.equals(PURCHASE_PATH) || path.equals(PURCHASE_PATH + "/"));
	}

	/** Runs the checks in order and stops at the first rejection. */
	private static Mono<Verdict> check(List<Supplier<Mono<Verdict>>> checks) {
		Mono<Verdict> result = Mono.just(Verdict.NONE);
		for (Supplier<Mono<Verdict>> check : checks) {
			result = result.flatMap((previous) -> previous.allowed()
					? check.get().map((next) -> next.allowedAfter(previous)) : Mono.just(previous));
		}
		return result;
	}

	private Mono<Verdict> ask(Limiter kind, String bucket, String id) {
		return this.limiter.isAllowed(bucket, id)
			.timeout(this.properties.redisTimeout())
			.map((response) -> answered(response) ? verdict(kind, bucket, response) : redisFailed(kind, bucket, null))
			.onErrorResume((ex) -> Mono.just(redisFailed(kind, bucket, ex)));
	}

	/**
	 * {@link RedisRateLimiter} answers a Redis error itself, by allowing the request with
	 * {@code X-RateLimit-Remaining: -1}; its script never returns a negative count.
	 */
	private static boolean answered(RateLimiter.Response response) {
		return remaining(response) >= 0;
	}

	private Verdict verdict(Limiter kind, String bucket, RateLimiter.Response response) {
		RedisRateLimiter.Config config = this.limiter.getConfig().get(bucket);
		if (response.isAllowed()) {
			// A route's global bucket is the service's capacity, not the caller's
			// business.
			return Verdict.allow((kind == Limiter.ROUTE) ? Map.of() : response.getHeaders());
		}
		long missing = Math.max(1, config.getRequestedTokens() - remaining(response));
		long seconds = Math.max(1, (missing + config.getReplenishRate() - 1) / config.getReplenishRate());
		return Verdict.reject(kind, response.getHeaders(), seconds);
	}

	private Verdict redisFailed(Limiter kind, String bucket, Throwable ex) {
		this.unavailable.get(kind).increment();
		logOutage(bucket, ex);
		if (kind != Limiter.ROUTE) {
			return Verdict.NONE;
		}
		String route = bucket.substring(ROUTE_BUCKET_PREFIX.length());
		int requested = this.limiter.getConfig().get(bucket).getRequestedTokens();
		return this.localRouteBuckets.get(route).tryConsume(requested) ? Verdict.NONE
				: Verdict.reject(kind, Map.of(), 1);
	}

	/**
	 * One line per {@link #OUTAGE_LOG_INTERVAL} at most: during an outage every request
	 * fails its checks, and the counter
	 * {@code flashsale.gateway.rate.limiter.unavailable} tells how many.
	 */
	private void logOutage(String bucket, Throwable ex) {
		long now = System.nanoTime();
		long last = this.outageLoggedAt.get();
		if (now - last >= OUTAGE_LOG_INTERVAL.toNanos() && this.outageLoggedAt.compareAndSet(last, now)) {
			log.warn(
					"Redis did not answer the rate limit {} ({}); IP and user limits are open and route limits "
							+ "local until it does",
					bucket, (ex != null) ? ex.toString() : "error reported by the limiter");
		}
	}

	private static long remaining(RateLimiter.Response response) {
		String value = response.getHeaders().get(RedisRateLimiter.REMAINING_HEADER);
		try {
			return (value != null) ? Long.parseLong(value) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private Mono<Void> reject(ServerWebExchange exchange, Caller caller, Verdict verdict) {
		this.rejected.get(verdict.limiter()).increment();
		Mono<Void> strike = switch (verdict.limiter()) {
			case USER -> this.blacklist.strike(Blacklist.Kind.USER, caller.userId());
			case IP -> this.blacklist.strike(Blacklist.Kind.IP, caller.ip());
			case ROUTE -> Mono.empty();
		};
		verdict.headers().forEach(exchange.getResponse().getHeaders()::set);
		String detail = switch (verdict.limiter()) {
			case USER -> "Too many purchases from this user; retry after " + verdict.retryAfterSeconds() + " s.";
			case IP -> "Too many requests from this address; retry after " + verdict.retryAfterSeconds() + " s.";
			case ROUTE -> "The service is at capacity; retry after " + verdict.retryAfterSeconds() + " s.";
		};
		return strike.then(Mono.defer(() -> this.problems.write(exchange.getResponse(),
				GatewayProblems.retryLater(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests", detail,
						verdict.retryAfterSeconds()))));
	}

	/**
	 * What the limits decided so far.
	 *
	 * @param limiter the limiter that rejected, {@code null} while allowed
	 * @param allowed whether the request may pass
	 * @param headers rate-limit headers for the response
	 * @param retryAfterSeconds when a rejected caller may retry
	 */
	record Verdict(Limiter limiter, boolean allowed, Map<String, String> headers, long retryAfterSeconds) {

		static final Verdict NONE = allow(Map.of());

		static Verdict allow(Map<String, String> headers) {
			return new Verdict(null, true, headers, 0);
		}

		static Verdict reject(Limiter limiter, Map<String, String> headers, long retryAfterSeconds) {
			return new Verdict(limiter, false, headers, retryAfterSeconds);
		}

		/** Rejections win; an allowed check without headers keeps the earlier ones. */
		Verdict allowedAfter(Verdict previous) {
			return (this.allowed && this.headers.isEmpty()) ? previous : this;
		}

	}

}
