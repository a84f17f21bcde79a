package io.flashsale.marketing.coupon;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The claim counters of coupon templates in Redis. Every change is one Lua script over
 * the keys of one template ({@link CouponKeys}), so each is atomic and runs on Redis
 * Cluster. Issued coupons move PENDING → CONFIRMED (the writer stores them) or PENDING →
 * RELEASED (the send failed; the coupon went back to the stock). Coupons issued = total
 * stock - remaining = PENDING and CONFIRMED ones.
 */
@Component
class CouponCounters {

	private static final RedisScript<String> PREPARE = script("prepare", String.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> CLAIM = script("claim", List.class);

	private static final RedisScript<String> RELEASE = script("release", String.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> CONFIRM = script("confirm", List.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final StringRedisTemplate redis;

	CouponCounters(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/**
	 * The script's text, read once (a Resource-backed script re-checks the file per
	 * call).
	 */
	private static <T> RedisScript<T> script(String name, Class<T> resultType) {
		String text = RedisScript.of(new ClassPathResource("io/flashsale/marketing/coupon/" + name + ".lua"))
			.getScriptAsString();
		return RedisScript.of(text, resultType);
	}

	/**
	 * Prepares a new template's counters; live counters are never overwritten.
	 * @return {@code true} if they were created, {@code false} if they existed
	 */
	boolean prepare(CouponTemplate template) {
		CouponKeys keys = CouponKeys.of(template.id());
		return "PREPARED".equals(this.redis.execute(PREPARE, List.of(keys.meta(), keys.stock()),
				String.valueOf(template.totalStock()), String.valueOf(template.claimStartsAt().toEpochMilli()),
				String.valueOf(template.claimEndsAt().toEpochMilli()), String.valueOf(template.perUserLimit())));
	}

	ClaimOutcome claim(long templateId, String userId, String couponId, String idempotencyKey, Instant now) {
		CouponKeys keys = CouponKeys.of(templateId);
		List<?> result = this.redis.execute(CLAIM,
				List.of(keys.meta(), keys.stock(), keys.claims(), keys.idempotency(), keys.issued()), userId, couponId,
				String.valueOf(now.toEpochMilli()), idempotencyKey);
		String outcome = String.valueOf(result.get(0));
		String detail = String.valueOf(result.get(1));
		return switch (outcome) {
			case "TAKEN" -> new ClaimOutcome.Taken(couponId, Long.parseLong(detail));
			case "REPLAY" -> new ClaimOutcome.Replayed(detail);
			case "KEY_REUSED" -> new ClaimOutcome.KeyReused();
			case "NOT_PREPARED" -> new ClaimOutcome.NotPrepared();
			case "NOT_OPEN" -> new ClaimOutcome.NotOpen();
			case "LIMIT" -> new ClaimOutcome.LimitReached(Long.parseLong(detail));
			case "GONE" -> new ClaimOutcome.Gone();
			default -> throw new IllegalStateException("Unexpected claim outcome " + outcome);
		};
	}

	/**
	 * Gives a PENDING coupon back (its send failed).
	 * @return {@code true} if this call released it
	 */
	boolean release(long templateId, String couponId) {
		CouponKeys keys = CouponKeys.of(templateId);
		return "RELEASED".equals(this.redis.execute(RELEASE,
				List.of(keys.stock(), keys.claims(), keys.idempotency(), keys.issued()), couponId));
	}

	/**
	 * Confirms a batch of one template's coupons for the writer.
	 * @return each coupon's state after the call; empty when Redis has no record of it
	 */
	Map<String, Optional<IssuedCoupon.State>> confirmAll(long templateId, List<String> couponIds) {
		if (couponIds.isEmpty()) {
			return Map.of();
		}
		List<?> states = this.redis.execute(CONFIRM, List.of(CouponKeys.of(templateId).issued()),
				couponIds.toArray(Object[]::new));
		Map<String, Optional<IssuedCoupon.State>> result = new HashMap<>(couponIds.size() * 2);
		for (int i = 0; i < couponIds.size(); i++) {
			String state = String.valueOf(states.get(i));
			result.put(couponIds.get(i),
					"MISSING".equals(state) ? Optional.empty() : Optional.of(IssuedCoupon.State.valueOf(state)));
		}
		return result;
	}

	/** The claim record of a coupon, if the counters have one. */
	Optional<IssuedCoupon> issued(long templateId, String couponId) {
		Object raw = this.redis.opsForHash().get(CouponKeys.of(templateId).issued(), couponId);
		if (raw == null) {
			return Optional.empty();
		}
		JsonNode json = JSON.readTree(raw.toString());
		return Optional.of(new IssuedCoupon(couponId, IssuedCoupon.State.valueOf(json.path("s").asString()),
				json.path("u").asString(), Instant.ofEpochMilli(Long.parseLong(json.path("t").asString()))));
	}

	/** Coupons left, or empty when the template has no counters. */
	Optional<Long> remaining(long templateId) {
		return Optional.ofNullable(this.redis.opsForValue().get(CouponKeys.of(templateId).stock()))
			.map(Long::parseLong);
	}

	/** What each shopper holds of the template, by user id. */
	Map<String, Long> claims(long templateId) {
		Map<String, Long> claims = new HashMap<>();
		this.redis.<String, String>opsForHash()
			.entries(CouponKeys.of(templateId).claims())
			.forEach((user, count) -> claims.put(user, Long.parseLong(count)));
		return claims;
	}

}
