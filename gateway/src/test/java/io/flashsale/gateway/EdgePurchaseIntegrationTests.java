package io.flashsale.gateway;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.stock.StockKeys;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Purchases of closed sales answered by the gateway from memory, on real Redis: the
 * sale's counters are written the way order-service's scripts leave them, and
 * order-service is the echo server, which answers 200. So a 409 came from the gateway,
 * and a 200 means the purchase went on to order-service. Each call uses a new shopper and
 * a new client IP, so no rate limit ever decides.
 */
class EdgePurchaseIntegrationTests extends GatewayHarness {

	private static final Duration LEARNED_WITHIN = Duration.ofSeconds(10);

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	JsonMapper json;

	@Test
	void answersASoldOutSaleFromMemoryWithOrderServicesProblemButLetsReplaysThrough() {
		long sale = newSaleId();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		counters(sale, now.minusSeconds(60), now.plusSeconds(3600), 2, 0, Map.of("winner|key-of-winner", "h|o1"));
		refuseAsOrderService(sale);

		ResponseEntity<String> learned = poll(() -> buy(sale, newUser(), newKey(), 1), this::answeredByGateway,
				LEARNED_WITHIN);

		assertThat(learned.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		JsonNode problem = this.json.readTree(learned.getBody());
		assertThat(problem.get("type").asString()).isEqualTo("https://flashsale.dev/problems/sold-out");
		assertThat(problem.get("code").asString()).isEqualTo("sold-out");
		assertThat(problem.get("title").asString()).isEqualTo("Sold out");
		assertThat(problem.get("status").asInt()).isEqualTo(409);
		assertThat(problem.get("detail").asString()).isEqualTo("Flash sale " + sale + " is sold out.");
		assertThat(problem.get("instance").asString()).isEqualTo("/api/orders");
		assertThat(learned.getHeaders().getContentType()).hasToString("application/problem+json");
		// The winner's retry is a replay: order-service must answer it with its 202.
		assertThat(buy(sale, "winner", "key-of-winner", 1).getBody()).startsWith("service: order-service");
		// Everything the gateway is not sure of goes on: a quantity over the limit
		// (order-service's 400), another sale, an odd body.
		assertThat(buy(sale, newUser(), newKey(), 3).getBody()).startsWith("service: order-service");
		assertThat(purchase(newUser(), newKey(), "{\"flashSaleId\":" + sale + ",\"quantity\":1,\"price\":1}").getBody())
			.startsWith("service: order-service");
		assertThat(purchase(newUser(), "short", "{\"flashSaleId\":" + sale + ",\"quantity\":1}").getBody())
			.startsWith("service: order-service");
	}

	@Test
	void neverAnswersACallerWithoutAValidTokenWithAnythingButUnauthorized() {
		long sale = newSaleId();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		counters(sale, now.minusSeconds(60), now.plusSeconds(3600), 1, 0, Map.of());
		announceSoldOut(sale);
		poll(() -> buy(sale, newUser(), newKey(), 1), this::answeredByGateway, LEARNED_WITHIN);

		String body = "{\"flashSaleId\":" + sale + ",\"quantity\":1}";
		assertThat(call(HttpMethod.POST, "/api/orders", null, randomIp(), Map.of("Idempotency-Key", newKey()), body)
			.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(call(HttpMethod.POST, "/api/orders", "not.a.token", randomIp(), Map.of("Idempotency-Key", newKey()),
				body)
			.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void believesARestockAnnouncementAtOnce() {
		long sale = newSaleId();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		counters(sale, now.minusSeconds(60), now.plusSeconds(3600), 1, 0, Map.of());
		announceSoldOut(sale);
		poll(() -> buy(sale, newUser(), newKey(), 1), this::answeredByGateway, LEARNED_WITHIN);

		this.redis.opsForValue().set(new StockKeys(sale).stock(), "1").block();
		this.redis.convertAndSend(StockKeys.STOCK_CHANNEL, sale + ":1").block();

		ResponseEntity<String> passed = poll(() -> buy(sale, newUser(), newKey(), 1),
				(answer) -> !answeredByGateway(answer), Duration.ofSeconds(2));
		assertThat(passed.getBody()).startsWith("service: order-service");
	}

	@Test
	void readsTheReplayableSetAgainWhenTheSaleSoldAgainUnannounced() {
		long sale = newSaleId();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		counters(sale, now.minusSeconds(60), now.plusSeconds(3600), 1, 0, Map.of("first|key-of-first", "h|o1"));
		announceSoldOut(sale);
		poll(() -> buy(sale, newUser(), newKey(), 1), this::answeredByGateway, LEARNED_WITHIN);
		assertThat(buy(sale, "second", "key-of-second", 1).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

		// A unit came back and sold again; the announcements were lost.
		StockKeys keys = new StockKeys(sale);
		this.redis.opsForHash().put(keys.reservations(), "o2", "{}").block();
		this.redis.opsForHash().put(keys.idempotency(), "second|key-of-second", "h|o2").block();

		ResponseEntity<String> replay = poll(() -> buy(sale, "second", "key-of-second", 1),
				(answer) -> !answeredByGateway(answer), LEARNED_WITHIN);
		assertThat(replay.getBody()).startsWith("service: order-service");
	}

	@Test
	void answersASaleThatHasNotStartedOrIsOverAsNotActive() {
		long early = newSaleId();
		long over = newSaleId();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Instant startsAt = now.plusSeconds(3600);
		counters(early, startsAt, now.plusSeconds(7200), 1, 10, Map.of());
		counters(over, now.minusSeconds(7200), now.minusSeconds(3600), 1, 10, Map.of("late|key-of-late", "h|o1"));
		refuseAsOrderService(early);
		refuseAsOrderService(over);

		ResponseEntity<String> notYet = poll(() -> buy(early, newUser(), newKey(), 1), this::answeredByGateway,
				LEARNED_WITHIN);
		JsonNode problem = this.json.readTree(notYet.getBody());
		assertThat(problem.get("code").asString()).isEqualTo("sale-not-active");
		assertThat(problem.get("detail").asString())
			.isEqualTo("Flash sale " + early + " runs from " + startsAt + " until " + now.plusSeconds(7200) + ".");

		ResponseEntity<String> ended = poll(() -> buy(over, newUser(), newKey(), 1), this::answeredByGateway,
				LEARNED_WITHIN);
		assertThat(this.json.readTree(ended.getBody()).get("detail").asString())
			.isEqualTo("Flash sale " + over + " is not running.");
		assertThat(buy(over, "late", "key-of-late", 1).getBody()).startsWith("service: order-service");
	}

	private boolean answeredByGateway(ResponseEntity<String> answer) {
		return answer.getStatusCode() == HttpStatus.CONFLICT && answer.getBody().startsWith("{");
	}

	/** What order-service does when its script finds the last unit gone. */
	private void announceSoldOut(long sale) {
		this.redis.convertAndSend(StockKeys.STOCK_CHANNEL, sale + ":0").block();
	}

	/** What order-service does when it refuses a purchase of a closed sale. */
	private void refuseAsOrderService(long sale) {
		ResponseEntity<String> refused = call(HttpMethod.POST, "/api/orders", this.tokens.user(newUser()), randomIp(),
				Map.of("Idempotency-Key", newKey(), ECHO_SALE_CLOSED, Long.toString(sale)),
				"{\"flashSaleId\":" + sale + ",\"quantity\":1}");
		assertThat(refused.getBody()).startsWith("service: order-service");
		assertThat(refused.getHeaders().containsHeader("X-Flash-Sale-Closed")).isFalse();
	}

	private ResponseEntity<String> buy(long sale, String user, String key, int quantity) {
		return purchase(user, key, "{\"flashSaleId\":" + sale + ",\"quantity\":" + quantity + "}");
	}

	private ResponseEntity<String> purchase(String user, String key, String body) {
		return call(HttpMethod.POST, "/api/orders", this.tokens.user(user), randomIp(), Map.of("Idempotency-Key", key),
				body);
	}

	/** The keys order-service's warm and reserve scripts leave behind. */
	private void counters(long sale, Instant startsAt, Instant endsAt, int limit, long stock,
			Map<String, String> idempotency) {
		StockKeys keys = new StockKeys(sale);
		this.redis.opsForHash()
			.putAll(keys.meta(),
					Map.of("initial", "10", "start", Long.toString(startsAt.toEpochMilli()), "end",
							Long.toString(endsAt.toEpochMilli()), "limit", Integer.toString(limit)))
			.block();
		this.redis.opsForValue().set(keys.stock(), Long.toString(stock)).block();
		for (Map.Entry<String, String> record : idempotency.entrySet()) {
			String orderId = record.getValue().substring(record.getValue().indexOf('|') + 1);
			this.redis.opsForHash().put(keys.reservations(), orderId, "{}").block();
			this.redis.opsForHash().put(keys.idempotency(), record.getKey(), record.getValue()).block();
		}
	}

	private static long newSaleId() {
		return ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000);
	}

	private static String newUser() {
		return "shopper-" + UUID.randomUUID();
	}

	private static String newKey() {
		return "key-" + UUID.randomUUID();
	}

}
