package io.flashsale.marketing.coupon;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.flashsale.marketing.MarketingIntegrationTest;
import io.flashsale.platform.degrade.Switch;
import io.flashsale.platform.security.LocalTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.flashsale.marketing.coupon.CouponFixtures.assertProblem;
import static io.flashsale.marketing.coupon.CouponFixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claiming through the real endpoint on real Redis, Kafka and MariaDB: the answers (201,
 * 200 replay, 409, 400, 422, 404, 401, 503) and, for every refusal, that nothing changed:
 * the stock, the shopper's count and the stored coupons are as before.
 */
@MarketingIntegrationTest
class CouponClaimIntegrationTests {

	@Autowired
	LocalTokens tokens;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	CouponCounters counters;

	@Autowired
	ConfigurableEnvironment environment;

	@LocalServerPort
	int port;

	CouponFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new CouponFixtures(this.port, this.tokens, this.jdbc);
	}

	@Test
	void claimsACouponHandsItToTheWriterAndListsItAsTheShoppers() throws Exception {
		long template = this.fixtures.create(CouponFixtures.template(10, 1));
		String alice = this.fixtures.user("alice-" + template);

		HttpResponse<String> claimed = this.fixtures.claim(template, alice, "first-claim-" + template);

		assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(201);
		JsonNode coupon = body(claimed);
		String couponId = coupon.path("couponId").asString();
		assertThat(couponId).matches("[0-9a-f]{32}");
		assertThat(coupon.path("templateId").asLong()).isEqualTo(template);
		assertThat(claimed.headers().firstValue("Location")).hasValue("/api/coupons/mine/" + couponId);
		assertThat(this.counters.remaining(template)).hasValue(9L);

		this.fixtures.awaitRows(template, 1);
		Instant claimedAt = Instant.parse(coupon.path("claimedAt").asString());
		HttpResponse<String> mine = this.fixtures.get("/api/coupons/mine/" + couponId, alice);
		assertThat(mine.statusCode()).isEqualTo(200);
		JsonNode view = body(mine);
		assertThat(view.path("state").asString()).isEqualTo("UNUSED");
		assertThat(Instant.parse(view.path("claimedAt").asString())).isEqualTo(claimedAt);
		assertThat(Instant.parse(view.path("validUntil").asString())).isEqualTo(claimedAt.plus(7, ChronoUnit.DAYS));
		assertProblem(this.fixtures.get("/api/coupons/mine/" + couponId, this.fixtures.user("bob-" + template)), 404,
				"coupon-not-found");
	}

	@Test
	void replaysTheSameCouponForTheSameKeyEvenAfterTheStockRanOut() throws Exception {
		long template = this.fixtures.create(CouponFixtures.template(1, 1));
		String alice = this.fixtures.user("alice-" + template);
		String key = "replayed-" + template;

		HttpResponse<String> first = this.fixtures.claim(template, alice, key);
		HttpResponse<String> again = this.fixtures.claim(template, alice, key);
		HttpResponse<String> other = this.fixtures.claim(template, this.fixtures.user("bob-" + template),
				"other-key-" + template);
		HttpResponse<String> late = this.fixtures.claim(template, alice, key);

		assertThat(first.statusCode()).isEqualTo(201);
		assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
		assertThat(late.statusCode()).isEqualTo(200);
		assertThat(body(again)).isEqualTo(body(first));
		assertThat(body(late)).isEqualTo(body(first));
		assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
		assertProblem(other, 409, "coupons-gone");
		// A new key of the same shopper is a new claim: refused by the limit.
		assertProblem(this.fixtures.claim(template, alice, "another-" + template), 409, "claim-limit-reached");
		assertThat(this.counters.remaining(template)).hasValue(0L);
		this.fixtures.awaitRows(template, 1);
		Thread.sleep(500);
		assertThat(this.fixtures.rows(template)).isEqualTo(1);
	}

	/**
	 * The process died between the script and the send: the coupon is taken in Redis and
	 * no record went out. The shopper's retry with the same key sends it again and
	 * answers 200; the writer stores it once.
	 */
	@Test
	void replaysAClaimWhoseFirstHandOffDiedAndTheWriterStoresIt() throws Exception {
		long template = this.fixtures.create(CouponFixtures.template(5, 1));
		String key = "died-before-send-" + template;
		Instant taken = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		assertThat(this.counters.claim(template, "olga-" + template, "0123456789abcdef0123456789abcdef", key, taken))
			.isEqualTo(new ClaimOutcome.Taken("0123456789abcdef0123456789abcdef", 4));

		HttpResponse<String> retry = this.fixtures.claim(template, this.fixtures.user("olga-" + template), key);

		assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
		assertThat(body(retry).path("couponId").asString()).isEqualTo("0123456789abcdef0123456789abcdef");
		assertThat(Instant.parse(body(retry).path("claimedAt").asString())).isEqualTo(taken);
		this.fixtures.awaitRows(template, 1);
		assertThat(this.jdbc.queryForObject("SELECT id FROM coupon WHERE template_id = ?", String.class, template))
			.isEqualTo("0123456789abcdef0123456789abcdef");
		assertThat(this.counters.issued(template, "0123456789abcdef0123456789abcdef").map(IssuedCoupon::state))
			.hasValue(IssuedCoupon.State.CONFIRMED);
		assertThat(this.counters.remaining(template)).hasValue(4L);
	}

	@Test
	void refusesAKeyAnotherShopperUsedOnTheTemplateAndTakesNothing() throws Exception {
		long template = this.fixtures.create(CouponFixtures.template(5, 1));
		String key = "shared-key-" + template;
		assertThat(this.fixtures.claim(template, this.fixtures.user("alice-" + template), key).statusCode())
			.isEqualTo(201);

		HttpResponse<String> reused = this.fixtures.claim(template, this.fixtures.user("bob-" + template), key);

		assertProblem(reused, 422, "idempotency-key-reused");
		assertThat(this.counters.remaining(template)).hasValue(4L);
		assertThat(this.counters.claims(template)).containsOnlyKeys("alice-" + template);
	}

	@Test
	void answersEveryBadClaimWithAProblemAndChangesNothing() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		long open = this.fixtures.create(CouponFixtures.template(5, 1));
		long notYet = this.fixtures.create(CouponFixtures.template(5, 1, now.plusSeconds(3600), now.plusSeconds(7200)));
		long ended = this.fixtures.create(CouponFixtures.template(5, 1, now.minusSeconds(60), now.plusMillis(1_500)));
		Thread.sleep(Math.max(0, now.plusMillis(1_600).toEpochMilli() - System.currentTimeMillis()));
		String carol = this.fixtures.user("carol-" + open);

		assertProblem(this.fixtures.claim("abc", carol, "bad-template-id"), 400, "invalid-request");
		assertProblem(this.fixtures.claim(999_999_999L, carol, "unknown-template"), 404, "coupon-template-not-found");
		assertProblem(this.fixtures.claim(open, carol, null), 400, "idempotency-key-missing");
		assertProblem(this.fixtures.claim(open, carol, "short"), 400, "idempotency-key-missing");
		assertProblem(this.fixtures.claim(open, carol, "has a space in it"), 400, "idempotency-key-missing");
		assertProblem(this.fixtures.claim(open, carol, "x".repeat(65)), 400, "idempotency-key-missing");
		assertProblem(this.fixtures.claim(notYet, carol, "not-yet-open"), 409, "claim-not-open");
		assertProblem(this.fixtures.claim(ended, carol, "window-ended"), 409, "claim-not-open");
		assertProblem(this.fixtures.claim(open, null, "no-token-at-all"), 401, "unauthenticated");
		assertProblem(this.fixtures.claim(open, CouponFixtures.foreignToken("carol-" + open), "foreign-token"), 401,
				"unauthenticated");

		for (long template : new long[] { open, notYet, ended }) {
			assertThat(this.counters.remaining(template)).hasValue(5L);
			assertThat(this.counters.claims(template)).isEmpty();
		}
		Thread.sleep(500);
		assertThat(this.fixtures.rows(open) + this.fixtures.rows(notYet) + this.fixtures.rows(ended)).isZero();
		// The refused keys were never taken: the same key claims once the claim is valid.
		assertThat(this.fixtures.claim(open, carol, "foreign-token").statusCode()).isEqualTo(201);
	}

	@Test
	void pausesClaimsWhileTheCouponClaimSwitchIsOnAndTakesNothing() throws Exception {
		long template = this.fixtures.create(CouponFixtures.template(5, 1));
		String dave = this.fixtures.user("dave-" + template);
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource("coupon-claim-test", Map.of(Switch.COUPON_CLAIM.key(), "true")));
		HttpResponse<String> paused;
		try {
			paused = this.fixtures.claim(template, dave, "while-paused-" + template);
		}
		finally {
			this.environment.getPropertySources().remove("coupon-claim-test");
		}

		assertProblem(paused, 503, "coupon-claim-paused");
		assertThat(paused.headers().firstValue("Retry-After")).hasValue("30");
		assertThat(this.counters.remaining(template)).hasValue(5L);
		assertThat(this.counters.claims(template)).isEmpty();
		assertThat(this.fixtures.claim(template, dave, "while-paused-" + template).statusCode()).isEqualTo(201);
	}

	@Test
	void showsATemplateToShoppersWithTheCouponsLeft() throws Exception {
		long template = this.fixtures.create(CouponFixtures.template(3, 1));
		assertThat(this.fixtures.claim(template, this.fixtures.user("erin-" + template), "shown-key-" + template)
			.statusCode()).isEqualTo(201);

		HttpResponse<String> shown = this.fixtures.get("/api/coupons/" + template, this.fixtures.user("frank"));

		assertThat(shown.statusCode()).isEqualTo(200);
		assertThat(body(shown).path("remaining").asLong()).isEqualTo(2);
		assertThat(body(shown).path("totalStock").asInt()).isEqualTo(3);
		assertProblem(this.fixtures.get("/api/coupons/999999999", this.fixtures.user("frank")), 404,
				"coupon-template-not-found");
	}

}
