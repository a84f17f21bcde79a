package io.flashsale.marketing.coupon;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.flashsale.marketing.MarketingIntegrationTest;
import io.flashsale.marketing.pricing.CouponOffer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coupon scripts (prepare, claim, release, confirm) on real Redis.
 */
@MarketingIntegrationTest
class CouponCountersIntegrationTests {

	@Autowired
	CouponCounters counters;

	@Autowired
	StringRedisTemplate redis;

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	@Test
	void keepsEveryKeyOfATemplateUnderOneHashTag() {
		CouponKeys keys = CouponKeys.of(42);
		assertThat(List.of(keys.meta(), keys.stock(), keys.claims(), keys.idempotency(), keys.issued()))
			.allSatisfy((key) -> assertThat(key).startsWith("coupon:{t:42}:"))
			.doesNotHaveDuplicates();
	}

	@Test
	void preparesCountersOnceAndNeverOverwritesLiveOnes() {
		long template = prepared(5, 1);
		assertThat(claim(template, "u1", "c1", "key-00001")).isInstanceOf(ClaimOutcome.Taken.class);

		assertThat(this.counters.prepare(template(template, 5, 1))).isFalse();
		assertThat(this.counters.remaining(template)).hasValue(4L);
	}

	@Test
	void takesWithinTheWindowTheLimitAndTheStockAndReplaysAKey() {
		long template = prepared(2, 1);

		assertThat(claim(template, "u1", "c1", "key-00001")).isEqualTo(new ClaimOutcome.Taken("c1", 1));
		assertThat(claim(template, "u1", "c2", "key-00001")).isEqualTo(new ClaimOutcome.Replayed("c1"));
		assertThat(claim(template, "u2", "c3", "key-00001")).isEqualTo(new ClaimOutcome.KeyReused());
		assertThat(claim(template, "u1", "c4", "key-00002")).isEqualTo(new ClaimOutcome.LimitReached(1));
		assertThat(claim(template, "u2", "c5", "key-00003")).isEqualTo(new ClaimOutcome.Taken("c5", 0));
		assertThat(claim(template, "u3", "c6", "key-00004")).isEqualTo(new ClaimOutcome.Gone());
		assertThat(this.counters.claim(template, "u3", "c7", "key-00005", this.now.plus(2, ChronoUnit.HOURS)))
			.isEqualTo(new ClaimOutcome.NotOpen());
		assertThat(this.counters.claim(template, "u3", "c8", "key-00006", this.now.minus(2, ChronoUnit.HOURS)))
			.isEqualTo(new ClaimOutcome.NotOpen());
		assertThat(claim(template + 1_000_000, "u1", "c9", "key-00007")).isEqualTo(new ClaimOutcome.NotPrepared());
		assertThat(this.counters.claims(template)).isEqualTo(Map.of("u1", 1L, "u2", 1L));
		assertThat(this.counters.issued(template, "c1")).hasValueSatisfying((issued) -> {
			assertThat(issued.state()).isEqualTo(IssuedCoupon.State.PENDING);
			assertThat(issued.userId()).isEqualTo("u1");
			assertThat(issued.claimedAt()).isEqualTo(this.now);
		});
	}

	@Test
	void releasesAPendingCouponExactlyOnceAndFreesItsKey() {
		long template = prepared(3, 1);
		claim(template, "u1", "c1", "key-00001");

		assertThat(this.counters.release(template, "c1")).isTrue();
		assertThat(this.counters.release(template, "c1")).isFalse();
		assertThat(this.counters.release(template, "never-claimed")).isFalse();

		assertThat(this.counters.remaining(template)).hasValue(3L);
		assertThat(this.counters.claims(template)).isEmpty();
		assertThat(this.counters.issued(template, "c1").map(IssuedCoupon::state)).hasValue(IssuedCoupon.State.RELEASED);
		assertThat(claim(template, "u1", "c2", "key-00001")).isEqualTo(new ClaimOutcome.Taken("c2", 2));
	}

	@Test
	void confirmsPendingCouponsSoTheyCanNoLongerBeReleased() {
		long template = prepared(3, 3);
		claim(template, "u1", "c1", "key-00001");
		claim(template, "u1", "c2", "key-00002");
		this.counters.release(template, "c2");

		Map<String, Optional<IssuedCoupon.State>> states = this.counters.confirmAll(template,
				List.of("c1", "c2", "c3"));

		assertThat(states).isEqualTo(Map.of("c1", Optional.of(IssuedCoupon.State.CONFIRMED), "c2",
				Optional.of(IssuedCoupon.State.RELEASED), "c3", Optional.empty()));
		assertThat(this.counters.release(template, "c1")).isFalse();
		assertThat(this.counters.remaining(template)).hasValue(2L);
		assertThat(this.counters.confirmAll(template, List.of("c1")))
			.isEqualTo(Map.of("c1", Optional.of(IssuedCoupon.State.CONFIRMED)));
	}

	private ClaimOutcome claim(long template, String user, String coupon, String key) {
		return this.counters.claim(template, user, coupon, key, this.now);
	}

	/** A template id no other test uses, with counters prepared. */
	private long prepared(int stock, int limit) {
		long id = ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L);
		assertThat(this.counters.prepare(template(id, stock, limit))).isTrue();
		return id;
	}

	private CouponTemplate template(long id, int stock, int limit) {
		return new CouponTemplate(id, "t", CouponOffer.Kind.FIXED, "CNY", 100L, 0, null, null, null,
				CouponOffer.Scope.PLATFORM, "", stock, limit, this.now.minus(1, ChronoUnit.HOURS),
				this.now.plus(1, ChronoUnit.HOURS), null, null, 7, "test", this.now);
	}

}
