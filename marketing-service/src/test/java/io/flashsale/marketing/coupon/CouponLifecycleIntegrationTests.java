package io.flashsale.marketing.coupon;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.flashsale.contracts.Ids;
import io.flashsale.contracts.Money;
import io.flashsale.contracts.Topics;
import io.flashsale.contracts.order.OrderCancelled;
import io.flashsale.marketing.MarketingIntegrationTest;
import io.flashsale.marketing.pricing.CouponOffer;
import io.flashsale.marketing.pricing.ShopperCoupons;
import io.flashsale.platform.messaging.EventJson;
import io.flashsale.platform.security.LocalTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import static io.flashsale.marketing.coupon.CouponFixtures.assertProblem;
import static io.flashsale.marketing.coupon.CouponFixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A coupon's life after it is stored, on real MariaDB: locking, using and releasing it
 * exactly once, a shopper's listing with EXPIRED computed from validity, and the price
 * engine's view ({@link ShopperCoupons}).
 */
@MarketingIntegrationTest
class CouponLifecycleIntegrationTests {

	@Autowired
	LocalTokens tokens;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Coupons coupons;

	@Autowired
	CouponLifecycle lifecycle;

	@Autowired
	ShopperCoupons shopperCoupons;

	@Autowired
	KafkaTemplate<String, String> kafka;

	@Autowired
	EventJson events;

	@LocalServerPort
	int port;

	CouponFixtures fixtures;

	long template;

	@BeforeEach
	void setUp() {
		this.fixtures = new CouponFixtures(this.port, this.tokens, this.jdbc);
		this.template = this.fixtures.create(CouponFixtures.template(100, 10));
	}

	@Test
	void locksUsesAndReleasesACouponExactlyOnceForItsOrder() {
		String coupon = stored("grace", Instant.now().plus(1, ChronoUnit.DAYS));

		assertThat(this.lifecycle.lock(coupon, "mallory", "order-1")).as("another shopper's coupon").isFalse();
		assertThat(this.lifecycle.lock(coupon, "grace", "order-1")).isTrue();
		assertThat(this.lifecycle.lock(coupon, "grace", "order-2")).as("locked to another order").isFalse();
		assertThat(this.lifecycle.release(coupon, "order-2")).as("a foreign order").isFalse();
		assertThat(state(coupon)).isEqualTo("LOCKED");
		assertThat(this.lifecycle.release(coupon, "order-1")).isTrue();
		assertThat(this.lifecycle.release(coupon, "order-1")).as("a repeated release").isFalse();
		assertThat(state(coupon)).isEqualTo("UNUSED");
		assertThat(this.lifecycle.use(coupon, "order-1")).as("released, so not usable by that order").isFalse();

		assertThat(this.lifecycle.lock(coupon, "grace", "order-3")).isTrue();
		assertThat(this.lifecycle.use(coupon, "order-3")).isTrue();
		assertThat(this.lifecycle.use(coupon, "order-3")).isFalse();
		assertThat(this.lifecycle.release(coupon, "order-3")).as("a used coupon stays used").isFalse();
		assertThat(this.lifecycle.lock(coupon, "grace", "order-4")).as("never usable twice").isFalse();
		assertThat(state(coupon)).isEqualTo("USED");
	}

	@Test
	void releasesTheCouponsLockedToACancelledOrderOnce() {
		String first = stored("heidi", Instant.now().plus(1, ChronoUnit.DAYS));
		String second = stored("heidi", Instant.now().plus(1, ChronoUnit.DAYS));
		String order = "order-" + Ids.randomHex();
		assertThat(this.lifecycle.lock(first, "heidi", order)).isTrue();
		assertThat(this.lifecycle.lock(second, "heidi", order)).isTrue();

		assertThat(this.lifecycle.releaseAll(order)).isEqualTo(2);
		assertThat(this.lifecycle.releaseAll(order)).isZero();
		assertThat(state(first)).isEqualTo("UNUSED");
		assertThat(state(second)).isEqualTo("UNUSED");
	}

	@Test
	void releasesTheCouponOfAnOrderCancelledOnTheOrdersTopicOnceEvenWhenRedelivered() throws Exception {
		String coupon = stored("ivy", Instant.now().plus(1, ChronoUnit.DAYS));
		String other = stored("ivy", Instant.now().plus(1, ChronoUnit.DAYS));
		String order = "order-" + Ids.randomHex();
		assertThat(this.lifecycle.lock(coupon, "ivy", order)).isTrue();
		assertThat(this.lifecycle.lock(other, "ivy", "order-" + Ids.randomHex())).isTrue();
		OrderCancelled cancelled = new OrderCancelled(order, 1, 2, "ivy", 1, OrderCancelled.SHOPPER, Instant.now());
		String record = this.events.write(order, cancelled, Instant.now());

		this.kafka.send(Topics.ORDERS, order, record).get(10, TimeUnit.SECONDS);
		CouponFixtures.await(() -> "UNUSED".equals(state(coupon)), "the cancelled order's coupon released");
		// Locked again to a new order, then the same record is delivered again.
		String next = "order-" + Ids.randomHex();
		assertThat(this.lifecycle.lock(coupon, "ivy", next)).isTrue();
		this.kafka.send(Topics.ORDERS, order, record).get(10, TimeUnit.SECONDS);
		String marker = stored("ivy", Instant.now().plus(1, ChronoUnit.DAYS));
		String markerOrder = "order-" + Ids.randomHex();
		assertThat(this.lifecycle.lock(marker, "ivy", markerOrder)).isTrue();
		this.kafka
			// Keyed as the redelivered record, so it is read after it (one partition).
			.send(Topics.ORDERS, order,
					this.events.write(markerOrder,
							new OrderCancelled(markerOrder, 1, 2, "ivy", 1, OrderCancelled.EXPIRED, Instant.now()),
							Instant.now()))
			.get(10, TimeUnit.SECONDS);
		CouponFixtures.await(() -> "UNUSED".equals(state(marker)), "a later cancellation on the same partition");

		assertThat(state(coupon)).as("the redelivery left the new order's lock alone").isEqualTo("LOCKED");
		assertThat(this.jdbc.queryForObject("SELECT order_id FROM coupon WHERE id = ?", String.class, coupon))
			.isEqualTo(next);
		assertThat(state(other)).isEqualTo("LOCKED");
	}

	@Test
	void refusesToLockAnExpiredCouponAndListsItAsExpired() throws Exception {
		String user = "ivan-" + this.template;
		String expired = stored(user, Instant.now().minusSeconds(1));
		String usable = stored(user, Instant.now().plus(1, ChronoUnit.DAYS));
		String locked = stored(user, Instant.now().plus(1, ChronoUnit.DAYS));
		assertThat(this.lifecycle.lock(locked, user, "order-x")).isTrue();

		assertThat(this.lifecycle.lock(expired, user, "order-y")).isFalse();
		String token = this.tokens.user(user);
		assertThat(ids(this.fixtures.get("/api/coupons/mine?state=EXPIRED", token))).containsExactly(expired);
		assertThat(ids(this.fixtures.get("/api/coupons/mine?state=UNUSED", token))).containsExactly(usable);
		assertThat(ids(this.fixtures.get("/api/coupons/mine?state=LOCKED", token))).containsExactly(locked);
		assertThat(ids(this.fixtures.get("/api/coupons/mine?state=USED", token))).isEmpty();
		JsonNode all = body(this.fixtures.get("/api/coupons/mine", token));
		assertThat(all.path("items").valueStream().map((item) -> item.path("state").asString()))
			.containsExactlyInAnyOrder("EXPIRED", "UNUSED", "LOCKED");
	}

	@Test
	void pagesOnlyTheCallersOwnCoupons() throws Exception {
		String user = "judy-" + this.template;
		for (int i = 0; i < 5; i++) {
			stored(user, Instant.now().plus(1, ChronoUnit.DAYS));
		}
		stored("someone-else-" + this.template, Instant.now().plus(1, ChronoUnit.DAYS));
		String token = this.tokens.user(user);

		List<String> first = ids(this.fixtures.get("/api/coupons/mine?page=0&size=2", token));
		List<String> second = ids(this.fixtures.get("/api/coupons/mine?page=1&size=2", token));
		List<String> third = ids(this.fixtures.get("/api/coupons/mine?page=2&size=2", token));

		assertThat(first).hasSize(2);
		assertThat(second).hasSize(2);
		assertThat(third).hasSize(1);
		assertThat(Set.copyOf(this.jdbc.queryForList("SELECT id FROM coupon WHERE user_id = ?", String.class, user)))
			.containsExactlyInAnyOrderElementsOf(
					java.util.stream.Stream.of(first, second, third).flatMap(List::stream).toList());
		for (String query : List.of("state=SPENT", "page=-1", "size=0", "size=101", "page=x")) {
			assertProblem(this.fixtures.get("/api/coupons/mine?" + query, token), 400, "invalid-request");
		}
		assertProblem(this.fixtures.get("/api/coupons/mine", null), 401, "unauthenticated");
	}

	@Test
	void offersThePriceEngineOnlyTheShoppersUsableCouponsWithTheirTemplatesRules() {
		Instant now = Instant.now();
		long percent = this.fixtures.create(Map.ofEntries(Map.entry("name", "15 % off listed SKUs"),
				Map.entry("kind", "PERCENT"), Map.entry("percentOffBasisPoints", 1500), Map.entry("capCents", 3000),
				Map.entry("minimumSpendCents", 5000), Map.entry("scope", "SKUS"), Map.entry("scopeIds", List.of(5, 6)),
				Map.entry("totalStock", 10), Map.entry("perUserLimit", 1),
				Map.entry("claimStartsAt", now.minusSeconds(60).toString()),
				Map.entry("claimEndsAt", now.plusSeconds(3600).toString()), Map.entry("validDays", 3)));
		String user = "kim-" + this.template;
		String fixed = stored(user, now.plus(1, ChronoUnit.DAYS));
		String percentOff = storedOf(percent, user, now.plus(1, ChronoUnit.DAYS));
		String expired = stored(user, now.minusSeconds(1));
		String locked = stored(user, now.plus(1, ChronoUnit.DAYS));
		this.lifecycle.lock(locked, user, "order-z");
		String foreign = stored("not-kim-" + this.template, now.plus(1, ChronoUnit.DAYS));

		List<CouponOffer> offers = this.shopperCoupons.usable(user,
				List.of(fixed, percentOff, expired, locked, foreign, "no-such-coupon"), Instant.now());

		assertThat(offers).containsExactlyInAnyOrder(
				new CouponOffer(fixed, CouponOffer.Kind.FIXED, Money.of(500, Money.CNY), 0, null, null,
						Money.of(2000, Money.CNY), CouponOffer.Scope.PLATFORM, Set.of()),
				new CouponOffer(percentOff, CouponOffer.Kind.PERCENT, null, 1500, Money.of(3000, Money.CNY), null,
						Money.of(5000, Money.CNY), CouponOffer.Scope.SKUS, Set.of(5L, 6L)));
		assertThat(this.shopperCoupons.usable(user, List.of(), Instant.now())).isEmpty();
	}

	private String stored(String user, Instant validUntil) {
		return storedOf(this.template, user, validUntil);
	}

	private String storedOf(long template, String user, Instant validUntil) {
		String id = Ids.randomHex();
		Instant claimedAt = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
		this.coupons.insertAll(List
			.of(Coupon.issued(id, template, user, claimedAt, claimedAt, validUntil.truncatedTo(ChronoUnit.MILLIS))));
		return id;
	}

	private String state(String coupon) {
		return this.jdbc.queryForObject("SELECT state FROM coupon WHERE id = ?", String.class, coupon);
	}

	private static List<String> ids(HttpResponse<String> page) {
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		return body(page).path("items").valueStream().map((item) -> item.path("id").asString()).toList();
	}

}
