package io.flashsale.order;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

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

	private final TestService service;

	StrictInputIntegrationTests(@Autowired ApplicationContext context) {
		this.service = new TestService(context);
	}

	/**
	 * Sale of 10 units, limit 2: {@code "quantity": "1"}, {@code "quantity": 1.5} and
	 * {@code "flashSaleId": "<id>"} each answer 400 invalid-request naming the field; the
	 * sale still has 10 units, no reservation and no order. The same buyer's
	 * {@code "quantity": 1} then buys (202, 9 left).
	 */
	@Test
	void refusesAQuantitySentAsAStringOrADecimalAndReservesNothing() throws Exception {
		long sale = SALE_IDS.incrementAndGet();
		this.service.testSales()
			.schedule(sale, 10, 2, Instant.now().minusSeconds(3600), Instant.now().plusSeconds(3600));
		String buyer = "strict-" + sale;

		assertRefused(purchase(buyer, "{\"flashSaleId\": " + sale + ", \"quantity\": \"1\"}"), "quantity",
				"must be an integer, not a string");
		assertRefused(purchase(buyer, "{\"flashSaleId\": " + sale + ", \"quantity\": 1.5}"), "quantity",
				"must be an integer, not a decimal number");
		assertRefused(purchase(buyer, "{\"flashSaleId\": \"" + sale + "\", \"quantity\": 1}"), "flashSaleId",
				"must be an integer, not a string");

		assertThat(this.service.counters().remaining(sale)).isEqualTo(10);
		assertThat(this.service.counters().snapshot(sale).reservations()).isEmpty();
		assertThat(this.service.jdbc()
			.queryForObject("SELECT COUNT(*) FROM orders WHERE flash_sale_id = ?", Long.class, sale)).isZero();

		HttpResponse<String> bought = purchase(buyer, "{\"flashSaleId\": " + sale + ", \"quantity\": 1}");
		assertThat(bought.statusCode()).as("%s", bought.body()).isEqualTo(202);
		assertThat(this.service.counters().remaining(sale)).isEqualTo(9);
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
		return this.service.purchase(user, body);
	}

}
