package io.flashsale.gateway.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Callers blocked for abusing the rate limits, kept in Redis with an expiry so every
 * gateway replica sees the same list and a block ends by itself.
 *
 * <p>
 * Keys: {@code gateway:blacklist:{kind:id}:rejections} counts rejections within the
 * window, {@code gateway:blacklist:{kind:id}:blocked} marks a block for its remaining
 * lifetime.
 *
 * <p>
 * Fails open: if Redis does not answer, nobody is treated as blocked and no rejection is
 * counted. A blacklist that locked every shopper out whenever Redis stalls would do more
 * harm than the abusers it stops; the rate limits' own fallbacks still apply.
 */
final class Blacklist {

	enum Kind {

		USER, IP;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private static final Logger log = LoggerFactory.getLogger(Blacklist.class);

	/** Read once; see RateLimitConfiguration for why not a Resource-backed script. */
	private static final RedisScript<Long> STRIKE = RedisScript.of(
			RedisScript.of(new ClassPathResource("io/flashsale/gateway/ratelimit/strike.lua")).getScriptAsString(),
			Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final BlacklistProperties properties;

	private final Duration redisTimeout;

	private final Counter userBlocks;

	private final Counter ipBlocks;

	Blacklist(ReactiveStringRedisTemplate redis, BlacklistProperties properties, Duration redisTimeout,
			MeterRegistry meters) {
		this.redis = redis;
		this.properties = properties;
		this.redisTimeout = redisTimeout;
		this.userBlocks = blocks(meters, Kind.USER);
		this.ipBlocks = blocks(meters, Kind.IP);
	}

	private static Counter blocks(MeterRegistry meters, Kind kind) {
		return Counter.builder("flashsale.gateway.blacklisted")
			.description("Callers put on the blacklist for repeated rate-limit rejections")
			.tag("kind", kind.tag())
			.register(meters);
	}

	boolean enabled() {
		return this.properties.enabled();
	}

	/**
	 * How much longer the caller stays blocked: the longer of its user's and its IP's
	 * blocks.
	 * @param caller the caller
	 * @return the remaining block, empty if the caller is not blocked or Redis did not
	 * answer in time
	 */
	Mono<Duration> remainingBlock(Caller caller) {
		if (!enabled()) {
			return Mono.empty();
		}
		List<Mono<Duration>> checks = new ArrayList<>(2);
		checks.add(this.redis.getExpire(blockedKey(Kind.IP, caller.ip())));
		if (caller.userId() != null) {
			checks.add(this.redis.getExpire(blockedKey(Kind.USER, caller.userId())));
		}
		return Flux.merge(checks)
			.filter((remaining) -> !remaining.isNegative())
			// A block key without expiry was set by hand: report a whole block period.
			.map((remaining) -> remaining.isZero() ? this.properties.blockDuration() : remaining)
			.reduce((a, b) -> (a.compareTo(b) >= 0) ? a : b)
			.timeout(this.redisTimeout)
			.onErrorResume((ex) -> {
				log.debug("Blacklist unavailable, letting {} through", caller, ex);
				return Mono.empty();
			});
	}

	/**
	 * Counts one rate-limit rejection against a user or an IP, and blocks it when it
	 * passes the limit.
	 * @param kind user or IP
	 * @param id the user id or the address
	 * @return completion; never an error
	 */
	Mono<Void> strike(Kind kind, String id) {
		if (!enabled()) {
			return Mono.empty();
		}
		List<String> keys = List.of(rejectionsKey(kind, id), blockedKey(kind, id));
		return this.redis
			.execute(STRIKE, keys, String.valueOf(this.properties.maxRejections()),
					String.valueOf(this.properties.window().toMillis()),
					String.valueOf(this.properties.blockDuration().toMillis()))
			.next()
			.timeout(this.redisTimeout)
			.doOnNext((started) -> {
				if (started == 1L) {
					log.info("Blacklisted {} {} for {}", kind.tag(), id, this.properties.blockDuration());
					((kind == Kind.USER) ? this.userBlocks : this.ipBlocks).increment();
				}
			})
			.onErrorResume((ex) -> {
				log.debug("Blacklist unavailable, not counting a rejection of {} {}", kind.tag(), id, ex);
				return Mono.empty();
			})
			.then();
	}

	static String blockedKey(Kind kind, String id) {
		return prefix(kind, id) + "blocked";
	}

	static String rejectionsKey(Kind kind, String id) {
		return prefix(kind, id) + "rejections";
	}

	private static String prefix(Kind kind, String id) {
		return "gateway:blacklist:{" + kind.tag() + ":" + id + "}:";
	}

}
