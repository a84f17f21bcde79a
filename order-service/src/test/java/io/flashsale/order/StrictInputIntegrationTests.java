package io.flashsale.order;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.order.catalog.FlashSales;
import io.flashsale.platform.messaging.EventJson;
import io.flashsale.platform.security.LocalTokens;
import io.flashsale.stock.StockCounters;
import io.flashsale.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The purchase API reads its body as typed, on real Redis, Kafka and MariaDB: a quantity
 * sent as a string or a decimal is a 400 problem naming the field, and nothing is
 * reserved or written.
 */
@IntegrationTest
class StrictInputIntegrationTests {

	private static final AtomicLong SALE_IDS = new AtomicLong(
			ThreadLocalRandom.current().nextLong(1_000, 1_000_000) * 1000 + 500);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@Autowired
	LocalTokens tokens;

	@Autowired
	KafkaTemplate<String, String> kafka;

	@Autowired
	EventJson events;

	@Autowired
	FlashSales sales;

	@Autowired
	StockCounters counters;

	@Autowired
	JdbcTemplate jdbc;

	/**
	 * Sale of 10 units, limit 2: {@code "quantity": "1"}, {@code "quantity": 1.5} and
	 * {@code "flashSaleId": "<id>"} each answer 400 invalid-request naming the field; the
	 * sale still has 10 units, no reservation and no order. The same buyer's
	 * {@code "quantity": 1} then buys (202, 9 left).
	 */
	@Test
	void refusesAQuantitySentAsAStringOrADecimalAndReservesNothing() throws Exception {
		long sale = SALE_IDS.incrementAndGet();
		new TestSales(this.kafka, this.events, this.counters, this.sales).schedule(sale, 10, 2,
				Instant.now().minusSeconds(3600), Instant.now().plusSeconds(3600));
		String buyer = "strict-" + sale;

		assertRefused(purchase(buyer, "{\"flashSaleId\": " + sale + ", \"quantity\": \"1\"}"), "quantity",
				"must be an integer, not a string");
		assertRefused(purchase(buyer, "{\"flashSaleId\": " + sale + ", \"quantity\": 1.5}"), "quantity",
				"must be an integer, not a decimal number");
		assertRefused(purchase(buyer, "{\"flashSaleId\": \"" + sale + "\", \"quantity\": 1}"), "flashSaleId",
				"must be an integer, not a string");

		assertThat(this.counters.remaining(sale)).isEqualTo(10);
		assertThat(this.counters.snapshot(sale).reservations()).isEmpty();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE flash_sale_id = ?", Long.class, sale))
			.isZero();

		HttpResponse<String> bought = purchase(buyer, "{\"flashSaleId\": " + sale + ", \"quantity\": 1}");
		assertThat(bought.statusCode()).as("%s", bought.body()).isEqualTo(202);
		assertThat(this.counters.remaining(sale)).isEqualTo(9);
	}

	private static void assertRefused(HttpResponse<String> response, String field, String message) {
		assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.path("code").asString()).isEqualTo("invalid-request");
		assertThat(problem.path("errors").path(0).path("field").asString()).isEqualTo(field);
		assertThat(problem.path("errors").path(0).path("message").asString()).isEqualTo(message);
	}

	private HttpResponse<String> purchase(String user, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/orders"))
			.header("Authorization", "Bearer " + this.tokens.user(user))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
