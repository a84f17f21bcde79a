package io.flashsale.marketing.coupon;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.flashsale.marketing.MarketingIntegrationTest;
import io.flashsale.platform.security.LocalTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claims racing through the real HTTP endpoint, on real Redis, Kafka and MariaDB: the
 * script never issues more than the stock, nor more than a shopper's limit, and what the
 * writer stores is exactly what Redis counted.
 */
@MarketingIntegrationTest
class CouponClaimConcurrencyIntegrationTests {

	/** Shuffles the claimers' order and names their keys; fixed so a failure replays. */
	private static final long SEED = 20261207L;

	/** Requests in flight at once, on virtual threads. */
	private static final int IN_FLIGHT = 200;

	@Autowired
	LocalTokens tokens;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	CouponCounters counters;

	@Autowired
	MeterRegistry meters;

	@LocalServerPort
	int port;

	CouponFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new CouponFixtures(this.port, this.tokens, this.jdbc);
	}

	@Test
	void tenThousandClaimersOfAThousandCouponsGetExactlyAThousandAndNoShopperTwice() throws Exception {
		int claimers = 10_000;
		int stock = 1_000;
		long template = this.fixtures.create(CouponFixtures.template(stock, 1));
		double issuedBefore = claims("issued");
		double goneBefore = claims("coupons-gone");
		Random random = new Random(SEED);
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < claimers; i++) {
			order.add(i);
		}
		Collections.shuffle(order, random);
		List<String> tokens = new ArrayList<>(claimers);
		for (int i = 0; i < claimers; i++) {
			tokens.add(this.fixtures.user("claimer-" + template + "-" + order.get(i)));
		}
		Map<String, String> winners = new ConcurrentHashMap<>();
		ConcurrentLinkedQueue<String> couponIds = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<String> others = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<String> gone = new ConcurrentLinkedQueue<>();
		Semaphore inFlight = new Semaphore(IN_FLIGHT);

		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < claimers; i++) {
				String user = "claimer-" + template + "-" + order.get(i);
				String token = tokens.get(i);
				String key = "key-" + SEED + "-" + order.get(i);
				inFlight.acquire();
				executor.submit(() -> {
					try {
						HttpResponse<String> response = this.fixtures.claim(template, token, key);
						if (response.statusCode() == 201) {
							JsonNode coupon = CouponFixtures.body(response);
							couponIds.add(coupon.path("couponId").asString());
							String earlier = winners.put(user, coupon.path("couponId").asString());
							if (earlier != null) {
								others.add("twice: " + user);
							}
						}
						else if (response.statusCode() == 409
								&& CouponFixtures.body(response).path("code").asString().equals("coupons-gone")) {
							gone.add(user);
						}
						else {
							others.add(response.statusCode() + " " + response.body());
						}
					}
					finally {
						inFlight.release();
					}
				});
			}
			executor.shutdown();
			assertThat(executor.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
		}

		assertThat(others).isEmpty();
		assertThat(winners).hasSize(stock);
		assertThat(new HashSet<>(couponIds)).hasSize(stock);
		assertThat(gone).hasSize(claimers - stock);
		assertThat(this.counters.remaining(template)).hasValue(0L);
		Map<String, Long> claims = this.counters.claims(template);
		assertThat(claims.keySet()).isEqualTo(winners.keySet());
		assertThat(claims.values()).containsOnly(1L);

		this.fixtures.awaitRows(template, stock);
		assertThat(this.fixtures.rows(template)).isEqualTo(stock);
		Set<String> storedUsers = new HashSet<>(
				this.jdbc.queryForList("SELECT user_id FROM coupon WHERE template_id = ?", String.class, template));
		assertThat(storedUsers).isEqualTo(winners.keySet());
		assertThat(this.jdbc.queryForList("SELECT id FROM coupon WHERE template_id = ?", String.class, template))
			.containsExactlyInAnyOrderElementsOf(couponIds);
		// The screen agrees with the records: coupons issued as counted = rows stored.
		assertThat(claims("issued") - issuedBefore).isEqualTo(stock);
		assertThat(claims("coupons-gone") - goneBefore).isEqualTo(claimers - stock);
	}

	private double claims(String outcome) {
		Counter counter = this.meters.find("flashsale.coupons.claims").tag("outcome", outcome).counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void oneShopperWithAHundredParallelClaimsGetsExactlyTheLimit() throws Exception {
		int attempts = 100;
		int limit = 3;
		int stock = 50;
		long template = this.fixtures.create(CouponFixtures.template(stock, limit));
		String token = this.fixtures.user("greedy-" + template);
		ConcurrentLinkedQueue<String> taken = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<String> limited = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<String> others = new ConcurrentLinkedQueue<>();

		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < attempts; i++) {
				String key = "greedy-" + SEED + "-" + i;
				executor.submit(() -> {
					HttpResponse<String> response = this.fixtures.claim(template, token, key);
					if (response.statusCode() == 201) {
						taken.add(CouponFixtures.body(response).path("couponId").asString());
					}
					else if (response.statusCode() == 409
							&& CouponFixtures.body(response).path("code").asString().equals("claim-limit-reached")) {
						limited.add(key);
					}
					else {
						others.add(response.statusCode() + " " + response.body());
					}
				});
			}
		}

		assertThat(others).isEmpty();
		assertThat(taken).hasSize(limit).doesNotHaveDuplicates();
		assertThat(limited).hasSize(attempts - limit);
		assertThat(this.counters.remaining(template)).hasValue((long) stock - limit);
		assertThat(this.counters.claims(template)).isEqualTo(Map.of("greedy-" + template, (long) limit));
		this.fixtures.awaitRows(template, limit);
		assertThat(this.jdbc.queryForList("SELECT id FROM coupon WHERE template_id = ?", String.class, template))
			.containsExactlyInAnyOrderElementsOf(taken);
	}

}
