package io.flashsale.gateway.ratelimit;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import io.flashsale.gateway.GatewayProblems;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Rate limits and the blacklist, decided for each request by one Lua script on Redis
 * ({@code limit.lua}, see ADR 007): the caller's blacklist entries, then its IP's bucket
 * (every route), its user's purchase bucket ({@code POST /api/orders}) and its route's
 * global bucket (routes listed under {@code flashsale.gateway.rate-limits.routes}),
 * stopping at the first bucket that runs dry. The order means a request rejected for its
 * caller never spends the route's shared capacity.
 *
 * <p>
 * A blocked caller gets 429 {@code blacklisted} with the rest of its block as
 * {@code Retry-After}, and spends no tokens. A rejection is a 429 problem
 * ({@code rate-limited}) with {@code Retry-After} and {@code X-RateLimit-*} headers, and
 * counts against the caller (user or IP, whichever bucket ran dry; an exhausted route
 * bucket is nobody's fault): a caller rejected more than {@code max-rejections} times
 * within the window is blocked for {@code block-duration}.
 *
 * <p>
 * Every key of one call shares one hash tag, the caller's shard (user, else IP, hashed
 * over {@code shards}): the IP buckets and the blacklist are kept per shard, and each
 * shard holds {@code 1/shards} of every route's rate. With one shard (the default) the
 * limits are exact.
 *
 * <p>
 * When Redis does not answer within {@code redis-timeout}:
 * <ul>
 * <li>the IP and user buckets and the blacklist fail open: a Redis outage must not become
 * an outage for every shopper, and order-service enforces per-user purchase limits in its
 * own Lua script and pauses the sale without Redis anyway;</li>
 * <li>a route bucket falls back to a {@link LocalTokenBucket} holding this replica's
 * share of the route's rate: the service behind the route has the same capacity whether
 * or not Redis is up, so its protection must not vanish with Redis.</li>
 * </ul>
 */
public final class RateLimitFilter implements GlobalFilter, Ordered {

	/**
	 * Early: before Spring Cloud Gateway caches request bodies
	 * ({@code HIGHEST_PRECEDENCE + 1000}) and before the route filters (circuit breaker),
	 * so a rejection costs neither a body read nor a breaker call.
	 */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	enum Limiter {

		IP, USER, ROUTE;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private static final String PURCHASE_PATH = "/api/orders";

	/** Read once: a Resource-backed script re-reads the jar on every call. */
	private static final RedisScript<List> LIMIT = RedisScript.of(
			RedisScript.of(new ClassPathResource("io/flashsale/gateway/ratelimit/limit.lua")).getScriptAsString(),
			List.class);

	private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

	private static final Duration OUTAGE_LOG_INTERVAL = Duration.ofSeconds(10);

	private final AtomicLong outageLoggedAt = new AtomicLong(System.nanoTime() - OUTAGE_LOG_INTERVAL.toNanos());

	private final ReactiveStringRedisTemplate redis;

	/** Replaced whole by {@link #retune}, as are the local route buckets. */
	private volatile RateLimitProperties properties;

	private final BlacklistProperties blacklist;

	private final Callers callers;

	private final GatewayProblems problems;

	private volatile Map<String, LocalTokenBucket> localRouteBuckets = Map.of();

	private final Map<Limiter, Counter> rejected = new EnumMap<>(Limiter.class);

	private final Map<Limiter, Counter> unavailable = new EnumMap<>(Limiter.class);

	private final Map<Limiter, Counter> blocks = new EnumMap<>(Limiter.class);

	RateLimitFilter(ReactiveStringRedisTemplate redis, RateLimitProperties properties, BlacklistProperties blacklist,
			Callers callers, GatewayProblems problems, MeterRegistry meters) {
		this.redis = redis;
		this.blacklist = blacklist;
		this.callers = callers;
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
		for (Limiter kind : List.of(Limiter.IP, Limiter.USER)) {
			this.blocks.put(kind,
					Counter.builder("flashsale.gateway.blacklisted")
						.description("Callers put on the blacklist for repeated rate-limit rejections")
						.tag("kind", kind.tag())
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
		properties.routes()
			.forEach((route, bucket) -> local.put(route,
					LocalTokenBucket.shareOf(bucket, properties.instances(), System::nanoTime)));
		this.localRouteBuckets = Map.copyOf(local);
		this.properties = properties;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		RateLimitProperties limits = this.properties;
		if (!limits.enabled()) {
			return chain.filter(exchange);
		}
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		String routeId = (route != null && limits.routes().containsKey(route.getId())) ? route.getId() : null;
		return this.callers.resolve(exchange)
			.flatMap((caller) -> decide(limits, caller, isPurchase(exchange.getRequest()), routeId)
				.flatMap((verdict) -> verdict.allowed() ? pass(exchange, chain, verdict) : reject(exchange, verdict)));
	}

	/**
	 * The IP limit and the blacklist for a request without a valid token, which Spring
	 * Security answers 401 before any route: flooding with bad tokens is limited per IP
	 * too.
	 * @param exchange the exchange
	 * @return a problem written if the caller is blocked or its IP's bucket ran dry,
	 * empty otherwise
	 */
	public Mono<Boolean> rejectAnonymous(ServerWebExchange exchange) {
		RateLimitProperties limits = this.properties;
		if (!limits.enabled()) {
			return Mono.just(false);
		}
		Caller caller = this.callers.anonymous(exchange);
		return decide(limits, caller, false, null)
			.flatMap((verdict) -> verdict.allowed() ? Mono.just(false) : reject(exchange, verdict).thenReturn(true));
	}

	private Mono<Void> pass(ServerWebExchange exchange, GatewayFilterChain chain, Verdict verdict) {
		if (verdict.headers() != null) {
			verdict.headers().forEach(exchange.getResponse().getHeaders()::set);
		}
		return chain.filter(exchange);
	}

	static boolean isPurchase(ServerHttpRequest request) {
		String path = request.getPath().pathWithinApplication().value();
		return request.getMethod() == HttpMethod.POST
				&& (path.equals(PURCHASE_PATH) || path.equals(PURCHASE_PATH + "/"));
	}

	private Mono<Verdict> decide(RateLimitProperties limits, Caller caller, boolean purchase,
			@Nullable String routeId) {
		boolean user = caller.userId() != null;
		boolean userBucket = user && purchase;
		String tag = shardTag(caller, limits.shards());
		String ip = caller.ip();
		String userId = user ? caller.userId() : "-";
		String route = (routeId != null) ? routeId : "-";
		List<String> keys = List.of(key(tag, "ip", ip, "tokens"), key(tag, "ip", ip, "stamp"),
				key(tag, "user", userId, "tokens"), key(tag, "user", userId, "stamp"),
				key(tag, "route", route, "tokens"), key(tag, "route", route, "stamp"), blockedKey(tag, "ip", ip),
				blockedKey(tag, "user", userId), rejectionsKey(tag, "ip", ip), rejectionsKey(tag, "user", userId));
		RateLimitProperties.Bucket routeBucket = (routeId != null) ? limits.routes().get(routeId) : null;
		List<String> args = List.of(rate(limits.ip(), 1), burst(limits.ip(), 1), cost(limits.ip(), true),
				rate(limits.user(), 1), burst(limits.user(), 1), cost(limits.user(), userBucket),
				rate(routeBucket, limits.shards()), burst(routeBucket, limits.shards()),
				cost(routeBucket, routeBucket != null), this.blacklist.enabled() ? "1" : "0",
				Integer.toString(this.blacklist.maxRejections()), Long.toString(this.blacklist.window().toMillis()),
				Long.toString(this.blacklist.blockDuration().toMillis()), user ? "1" : "0");
		RateLimitProperties.Bucket callerBucket = userBucket ? limits.user() : limits.ip();
		return this.redis.execute(LIMIT, keys, args)
			.next()
			.timeout(limits.redisTimeout())
			.map((result) -> verdict(result, caller, callerBucket, routeBucket))
			.onErrorResume((ex) -> Mono.just(redisFailed(userBucket, routeId, routeBucket, ex)))
			.switchIfEmpty(Mono.fromSupplier(() -> redisFailed(userBucket, routeId, routeBucket, null)));
	}

	private Verdict verdict(List<?> result, Caller caller, RateLimitProperties.Bucket callerBucket,
			RateLimitProperties.@Nullable Bucket routeBucket) {
		int outcome = number(result.get(0));
		int limiter = number(result.get(1));
		long remaining = number(result.get(2));
		if (outcome == 0) {
			return Verdict.allow((remaining >= 0) ? headers(callerBucket, remaining) : null);
		}
		if (outcome == 1) {
			return Verdict.blocked(GatewayProblems.retryAfterSeconds(Duration.ofMillis(number(result.get(3)))));
		}
		Limiter kind = Limiter.values()[limiter - 1];
		if (number(result.get(4)) == 1) {
			this.blocks.get(kind).increment();
			log.info("Blacklisted {} {} for {}", kind.tag(), (kind == Limiter.USER) ? caller.userId() : caller.ip(),
					this.blacklist.blockDuration());
		}
		RateLimitProperties.Bucket bucket = switch (kind) {
			case IP -> this.properties.ip();
			case USER -> this.properties.user();
			case ROUTE -> routeBucket;
		};
		long missing = Math.max(1, bucket.requestedTokens() - remaining);
		long seconds = Math.max(1, (missing + bucket.replenishRate() - 1) / bucket.replenishRate());
		// A route's global bucket is the service's capacity, not the caller's business.
		return Verdict.reject(kind, (kind == Limiter.ROUTE) ? null : headers(bucket, remaining), seconds);
	}

	private Verdict redisFailed(boolean userBucket, @Nullable String routeId,
			RateLimitProperties.@Nullable Bucket routeBucket, @Nullable Throwable ex) {
		this.unavailable.get(Limiter.IP).increment();
		if (userBucket) {
			this.unavailable.get(Limiter.USER).increment();
		}
		logOutage(ex);
		if (routeId == null || routeBucket == null) {
			return Verdict.allow(null);
		}
		this.unavailable.get(Limiter.ROUTE).increment();
		LocalTokenBucket local = this.localRouteBuckets.get(routeId);
		return (local == null || local.tryConsume(routeBucket.requestedTokens())) ? Verdict.allow(null)
				: Verdict.reject(Limiter.ROUTE, null, 1);
	}

	/**
	 * One line per {@link #OUTAGE_LOG_INTERVAL} at most: during an outage every request
	 * fails its checks, and the counter
	 * {@code flashsale.gateway.rate.limiter.unavailable} tells how many.
	 */
	private void logOutage(@Nullable Throwable ex) {
		long now = System.nanoTime();
		long last = this.outageLoggedAt.get();
		if (now - last >= OUTAGE_LOG_INTERVAL.toNanos() && this.outageLoggedAt.compareAndSet(last, now)) {
			log.warn("Redis did not answer the rate limits ({}); IP and user limits and the blacklist are open and "
					+ "route limits local until it does", (ex != null) ? ex.toString() : "no answer");
		}
	}

	private Mono<Void> reject(ServerWebExchange exchange, Verdict verdict) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		if (verdict.headers() != null) {
			verdict.headers().forEach(headers::set);
		}
		if (verdict.limiter() == null) {
			return this.problems.write(exchange.getResponse(),
					GatewayProblems.retryLater(HttpStatus.TOO_MANY_REQUESTS, "blacklisted", "Blocked",
							"Too many rejected requests; this caller is blocked for a while.",
							verdict.retryAfterSeconds()));
		}
		this.rejected.get(verdict.limiter()).increment();
		String detail = switch (verdict.limiter()) {
			case USER -> "Too many purchases from this user; retry after " + verdict.retryAfterSeconds() + " s.";
			case IP -> "Too many requests from this address; retry after " + verdict.retryAfterSeconds() + " s.";
			case ROUTE -> "The service is at capacity; retry after " + verdict.retryAfterSeconds() + " s.";
		};
		return this.problems.write(exchange.getResponse(), GatewayProblems.retryLater(HttpStatus.TOO_MANY_REQUESTS,
				"rate-limited", "Too many requests", detail, verdict.retryAfterSeconds()));
	}

	private static Map<String, String> headers(RateLimitProperties.Bucket bucket, long remaining) {
		return Map.of("X-RateLimit-Remaining", Long.toString(Math.max(0, remaining)), "X-RateLimit-Replenish-Rate",
				Integer.toString(bucket.replenishRate()), "X-RateLimit-Burst-Capacity",
				Long.toString(bucket.burstCapacity()), "X-RateLimit-Requested-Tokens",
				Integer.toString(bucket.requestedTokens()));
	}

	private static String rate(RateLimitProperties.@Nullable Bucket bucket, int shares) {
		return (bucket != null) ? Double.toString((double) bucket.replenishRate() / shares) : "1";
	}

	private static String burst(RateLimitProperties.@Nullable Bucket bucket, int shares) {
		return (bucket != null)
				? Double.toString(Math.max(bucket.requestedTokens(), (double) bucket.burstCapacity() / shares)) : "1";
	}

	private static String cost(RateLimitProperties.@Nullable Bucket bucket, boolean applies) {
		return (bucket != null && applies) ? Integer.toString(bucket.requestedTokens()) : "0";
	}

	private static int number(Object value) {
		return (int) Long.parseLong(String.valueOf(value));
	}

	/** The hash tag every key of one caller's call shares. */
	static String shardTag(Caller caller, int shards) {
		if (shards <= 1) {
			return "rl";
		}
		String owner = (caller.userId() != null) ? caller.userId() : caller.ip();
		return "rl:" + Math.floorMod(owner.hashCode(), shards);
	}

	static String key(String tag, String kind, String id, String part) {
		return "gateway:{" + tag + "}:" + kind + ":" + id + ":" + part;
	}

	static String blockedKey(String tag, String kind, String id) {
		return key(tag, kind, id, "blocked");
	}

	static String rejectionsKey(String tag, String kind, String id) {
		return key(tag, kind, id, "rejections");
	}

	/**
	 * What the limits decided.
	 *
	 * @param limiter the limiter that rejected; {@code null} when allowed or blocked
	 * @param allowed whether the request may pass
	 * @param headers rate-limit headers for the response, if any
	 * @param retryAfterSeconds when a rejected or blocked caller may retry
	 */
	record Verdict(@Nullable Limiter limiter, boolean allowed, @Nullable Map<String, String> headers,
			long retryAfterSeconds) {

		static Verdict allow(@Nullable Map<String, String> headers) {
			return new Verdict(null, true, headers, 0);
		}

		static Verdict blocked(long retryAfterSeconds) {
			return new Verdict(null, false, null, retryAfterSeconds);
		}

		static Verdict reject(Limiter limiter, @Nullable Map<String, String> headers, long retryAfterSeconds) {
			return new Verdict(limiter, false, headers, retryAfterSeconds);
		}

	}

}
