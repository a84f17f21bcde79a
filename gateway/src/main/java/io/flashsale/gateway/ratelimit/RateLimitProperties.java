package io.flashsale.gateway.ratelimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's token buckets ({@code flashsale.gateway.rate-limits.*}). Ops tune them in
 * {@code config-repo/gateway.yml}; the defaults here let the gateway start without the
 * config server.
 *
 * @param enabled whether the limits apply at all
 * @param user per user (the token's subject) on purchases, {@code POST /api/orders}
 * @param ip per client IP, on every route
 * @param routes one global bucket per route id, shared by every caller; protects the
 * service behind the route. Configured routes are added to (and override) the default
 * {@code orders} bucket
 * @param trustedProxyHops how many proxies in front of the gateway append to
 * {@code X-Forwarded-For}; 0 means the TCP peer is the client. Too high a number lets
 * clients pick their own IP
 * @param redisTimeout how long a request waits for a bucket (or blacklist) answer from
 * Redis before the limiter's fallback applies
 * @param instances gateway replicas sharing the Redis buckets; while Redis is unreachable
 * each replica enforces 1/instances of every route's rate on its own
 * @param shards hash tags the limiter's keys are spread over, so that on Redis Cluster
 * they spread over nodes: a caller's keys (user, else IP) share one tag, IP buckets and
 * blacklist entries are kept per shard and each shard holds 1/shards of every route's
 * rate. 1 (the default) keeps every limit exact; read at start
 */
@Validated
@ConfigurationProperties("flashsale.gateway.rate-limits")
record RateLimitProperties(@DefaultValue("true") boolean enabled, @Valid Bucket user, @Valid Bucket ip,
		Map<String, @Valid Bucket> routes, @DefaultValue("0") @PositiveOrZero int trustedProxyHops,
		@DefaultValue("500ms") @NotNull Duration redisTimeout, @DefaultValue("1") @Min(1) int instances,
		@DefaultValue("1") @Min(1) int shards) {

	static final Bucket DEFAULT_USER = new Bucket(5, 10, 1);

	static final Bucket DEFAULT_IP = new Bucket(2000, 4000, 1);

	/** Route id of the purchases; its service is the one a flash sale floods. */
	static final Map<String, Bucket> DEFAULT_ROUTES = Map.of("orders", new Bucket(3000, 6000, 1));

	RateLimitProperties {
		user = (user != null) ? user : DEFAULT_USER;
		ip = (ip != null) ? ip : DEFAULT_IP;
		Map<String, Bucket> merged = new LinkedHashMap<>(DEFAULT_ROUTES);
		if (routes != null) {
			merged.putAll(routes);
		}
		routes = Map.copyOf(merged);
	}

	/**
	 * One token bucket, as Spring Cloud Gateway's {@code RedisRateLimiter} describes it.
	 *
	 * @param replenishRate tokens added per second
	 * @param burstCapacity tokens the bucket holds
	 * @param requestedTokens tokens one request costs
	 */
	record Bucket(@Positive int replenishRate, @Positive long burstCapacity,
			@DefaultValue("1") @Positive int requestedTokens) {

		@AssertTrue(message = "burst-capacity must be at least replenish-rate")
		boolean isBurstAtLeastReplenishRate() {
			return this.burstCapacity >= this.replenishRate;
		}

		@AssertTrue(message = "requested-tokens must not exceed burst-capacity, or every request is rejected")
		boolean isRequestAffordable() {
			return this.requestedTokens <= this.burstCapacity;
		}

	}

}
