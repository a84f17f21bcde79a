package io.flashsale.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.flashsale.testsupport.Outages;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits and the blacklist on real Redis, through the gateway. The bucket sizes are
 * in {@link GatewayHarness}: per IP 10 requests, per user 2 purchases, the payments route
 * 1 request, each followed by several seconds without a token; blocked on the 3rd
 * rejection within 10 s, for 2 s.
 */
class RateLimitIntegrationTests extends GatewayHarness {

	@Autowired
	MeterRegistry meters;

	@Autowired
	Outages outages;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@AfterEach
	void redisIsBack() {
		this.outages.start(Outages.Server.REDIS);
		// Lettuce reconnects in the background; later tests need it connected.
		String pong = poll(() -> {
			try {
				return this.redis.getConnectionFactory().getReactiveConnection().ping().block(Duration.ofSeconds(1));
			}
			catch (RuntimeException ex) {
				return null;
			}
		}, "PONG"::equals, Duration.ofSeconds(60));
		assertThat(pong).isEqualTo("PONG");
	}

	@Test
	void limitsPurchasesPerUserWithATooManyRequestsProblem() {
		String buyer = this.tokens.user("buyer-" + UUID.randomUUID());
		double rejectedBefore = counter("flashsale.gateway.rate.limited", "limiter", "user");

		ResponseEntity<String> first = post("/api/orders", buyer, "{}");
		ResponseEntity<String> second = post("/api/orders", buyer, "{}");
		ResponseEntity<String> third = post("/api/orders", buyer, "{}");

		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(first.getBody()).contains("service: order-service");
		assertThat(first.getHeaders().getFirst("X-RateLimit-Burst-Capacity")).isEqualTo("20");
		assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertTooManyRequests(third, "20", "1");
		assertThat(third.getBody()).contains("user");
		assertThat(counter("flashsale.gateway.rate.limited", "limiter", "user") - rejectedBefore).isEqualTo(1);
		// Reading orders is not a purchase: the user's purchase bucket does not apply.
		assertThat(get("/api/orders/1", buyer).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void limitsEveryRoutePerClientIp() {
		String shopper = this.tokens.user("shopper-" + UUID.randomUUID());
		double rejectedBefore = counter("flashsale.gateway.rate.limited", "limiter", "ip");
		List<HttpStatus> statuses = new ArrayList<>();
		for (int request = 1; request <= 10; request++) {
			String path = (request % 2 == 0) ? "/api/orders/" + request : "/api/skus/" + request;
			statuses.add(HttpStatus.valueOf(get(path, shopper).getStatusCode().value()));
		}
		ResponseEntity<String> eleventh = get("/api/skus/11", shopper);

		assertThat(statuses).containsOnly(HttpStatus.OK).hasSize(10);
		assertTooManyRequests(eleventh, "80", "1");
		assertThat(counter("flashsale.gateway.rate.limited", "limiter", "ip") - rejectedBefore).isEqualTo(1);
		// Another client address has its own bucket.
		assertThat(call(HttpMethod.GET, "/api/skus/11", shopper, randomIp(), Map.of(), null).getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void limitsCallersWithoutAValidTokenPerIpAndBlacklistsThem() {
		double rejectedBefore = counter("flashsale.gateway.rate.limited", "limiter", "ip");
		List<Integer> statuses = new ArrayList<>();
		for (int request = 1; request <= 13; request++) {
			statuses
				.add(get("/api/orders/1", (request % 2 == 0) ? "forged.token.value" : null).getStatusCode().value());
		}

		// 10 answered 401, then the IP's bucket is dry: 3 rejections, the 3rd blocks it.
		assertThat(statuses.subList(0, 10)).containsOnly(401);
		assertThat(statuses.subList(10, 13)).containsExactly(429, 429, 429);
		assertThat(counter("flashsale.gateway.rate.limited", "limiter", "ip") - rejectedBefore).isEqualTo(3);
		assertBlacklisted(get("/api/orders/1", this.tokens.user("behind-the-same-address")));
	}

	@Test
	void limitsARouteForEveryoneWithoutBlamingTheCaller() {
		String payer = "payer-" + UUID.randomUUID();
		double rejectedBefore = counter("flashsale.gateway.rate.limited", "limiter", "route");
		// No other test spends the payments route's Redis bucket, which holds one
		// request.
		ResponseEntity<String> first = get("/api/payments/1", this.tokens.user("first-payer"));
		ResponseEntity<String> rejected = get("/api/payments/1", this.tokens.user(payer));

		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(first.getBody()).contains("service: payment-service");
		assertThat(rejected.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(rejected.getBody()).contains("\"code\":\"rate-limited\"").contains("capacity");
		assertThat(counter("flashsale.gateway.rate.limited", "limiter", "route") - rejectedBefore).isEqualTo(1);
		assertThat(this.redis.hasKey("gateway:{rl}:user:" + payer + ":rejections").block()).isFalse();
	}

	@Test
	void blacklistsAUserAfterRepeatedRejectionsUntilTheBlockExpires() {
		String abuser = "abuser-" + UUID.randomUUID();
		String token = this.tokens.user(abuser);
		double blocksBefore = counter("flashsale.gateway.blacklisted", "kind", "user");
		// Each request from a fresh address: only the user's bucket and record are under
		// test.
		List<Integer> statuses = new ArrayList<>();
		for (int purchase = 1; purchase <= 5; purchase++) {
			statuses
				.add(call(HttpMethod.POST, "/api/orders", token, randomIp(), Map.of(), "{}").getStatusCode().value());
		}
		ResponseEntity<String> blocked = call(HttpMethod.GET, "/api/orders/1", token, randomIp(), Map.of(), null);

		// 2 purchases pass, 3 are rejected; the 3rd rejection (more than 2) blocks the
		// user.
		assertThat(statuses).containsExactly(200, 200, 429, 429, 429);
		assertBlacklisted(blocked);
		assertThat(counter("flashsale.gateway.blacklisted", "kind", "user") - blocksBefore).isEqualTo(1);

		ResponseEntity<String> after = poll(
				() -> call(HttpMethod.GET, "/api/orders/1", token, randomIp(), Map.of(), null),
				(response) -> response.getStatusCode() != HttpStatus.TOO_MANY_REQUESTS, Duration.ofSeconds(10));
		assertThat(after.getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void blacklistsAnIpForEveryUserBehindIt() {
		String shopper = this.tokens.user("shopper-" + UUID.randomUUID());
		double blocksBefore = counter("flashsale.gateway.blacklisted", "kind", "ip");
		List<Integer> statuses = new ArrayList<>();
		for (int request = 1; request <= 13; request++) {
			statuses.add(get("/api/skus/" + request, shopper).getStatusCode().value());
		}
		ResponseEntity<String> blocked = get("/api/orders/1", this.tokens.user("someone-else"));

		assertThat(statuses.subList(0, 10)).containsOnly(200);
		assertThat(statuses.subList(10, 13)).containsExactly(429, 429, 429);
		assertBlacklisted(blocked);
		assertThat(counter("flashsale.gateway.blacklisted", "kind", "ip") - blocksBefore).isEqualTo(1);
		ResponseEntity<String> after = poll(() -> get("/api/orders/1", shopper),
				(response) -> !String.valueOf(response.getBody()).contains("\"code\":\"blacklisted\""),
				Duration.ofSeconds(10));
		assertThat(after.getBody()).doesNotContain("\"code\":\"blacklisted\"");
	}

	@Test
	void letsShoppersThroughWhileRedisIsDownButKeepsRouteLimitsLocally() {
		String shopper = this.tokens.user("shopper-" + UUID.randomUUID());
		double unavailableBefore = counter("flashsale.gateway.rate.limiter.unavailable", "limiter", "ip");
		this.outages.stop(Outages.Server.REDIS);

		// IP and user buckets and the blacklist fail open.
		assertThat(get("/api/orders/1", shopper).getStatusCode()).isEqualTo(HttpStatus.OK);
		for (int purchase = 1; purchase <= 3; purchase++) {
			assertThat(post("/api/orders", shopper, "{}").getStatusCode()).as("purchase %d", purchase)
				.isEqualTo(HttpStatus.OK);
		}
		assertThat(counter("flashsale.gateway.rate.limiter.unavailable", "limiter", "ip") - unavailableBefore)
			.isEqualTo(4);
		// The payments route falls back to this replica's local bucket: 1 request, then 9
		// s.
		assertThat(get("/api/payments/1", shopper).getStatusCode()).isEqualTo(HttpStatus.OK);
		ResponseEntity<String> second = get("/api/payments/1", shopper);
		assertThat(second.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(second.getBody()).contains("\"code\":\"rate-limited\"");
	}

	private void assertTooManyRequests(ResponseEntity<String> response, String burstCapacity, String replenishRate) {
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(Long.parseLong(response.getHeaders().getFirst("Retry-After"))).isGreaterThanOrEqualTo(1);
		assertThat(response.getHeaders().getFirst("X-RateLimit-Burst-Capacity")).isEqualTo(burstCapacity);
		assertThat(response.getHeaders().getFirst("X-RateLimit-Replenish-Rate")).isEqualTo(replenishRate);
		assertThat(Long.parseLong(response.getHeaders().getFirst("X-RateLimit-Remaining"))).isNotNegative();
		assertThat(response.getBody()).contains("\"type\":\"https://flashsale.dev/problems/rate-limited\"")
			.contains("\"code\":\"rate-limited\"")
			.contains("\"status\":429")
			.doesNotContain("service:");
	}

	private void assertBlacklisted(ResponseEntity<String> response) {
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(Long.parseLong(response.getHeaders().getFirst("Retry-After"))).isBetween(1L, 2L);
		assertThat(response.getBody()).contains("\"code\":\"blacklisted\"").doesNotContain("service:");
	}

	private double counter(String name, String tag, String value) {
		return this.meters.get(name).tag(tag, value).counter().count();
	}

}
