package io.flashsale.marketing.coupon;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.flashsale.marketing.InventoryStub;
import io.flashsale.marketing.MarketingIntegrationTest;
import io.flashsale.platform.security.LocalTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.flashsale.marketing.coupon.CouponFixtures.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A claimed coupon in a quote, end to end on the running service (real Redis, Kafka and
 * MariaDB; inventory-service's price reads from its HTTP stub): the holder's quote takes
 * the coupon's 5.00 off a 30.00 basket; another shopper naming the same coupon gets 422.
 */
@MarketingIntegrationTest
class CouponQuoteIntegrationTests {

	private static final AtomicLong SKUS = new AtomicLong(90_000);

	@Autowired
	LocalTokens tokens;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	InventoryStub inventory;

	@LocalServerPort
	int port;

	CouponFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new CouponFixtures(this.port, this.tokens, this.jdbc);
	}

	@Test
	void theHoldersQuoteTakesTheCouponOffAndNobodyElsesDoes() throws Exception {
		long template = this.fixtures.create(CouponFixtures.template(10, 1));
		String holder = this.fixtures.user("quoter-" + template);
		HttpResponse<String> claimed = this.fixtures.claim(template, holder, "quote-key-" + template);
		assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(201);
		String couponId = CouponFixtures.body(claimed).path("couponId").asString();
		this.fixtures.awaitRows(template, 1);
		long sku = SKUS.incrementAndGet();
		this.inventory.price(sku, 1, 3_000, "CNY");
		Map<String, Object> basket = Map.of("lines", List.of(Map.of("skuId", sku, "quantity", 1)), "couponIds",
				List.of(couponId));

		HttpResponse<String> quoted = quote(basket, holder);

		assertThat(quoted.statusCode()).as(quoted.body()).isEqualTo(200);
		JsonNode quote = CouponFixtures.body(quoted);
		assertThat(quote.path("totalMinor").asLong()).isEqualTo(2_500);
		JsonNode discount = quote.path("lines").get(0).path("discounts").get(0);
		assertThat(discount.path("kind").asString()).isEqualTo("COUPON");
		assertThat(discount.path("id").asString()).isEqualTo(couponId);
		assertThat(discount.path("amountMinor").asLong()).isEqualTo(500);

		assertProblem(quote(basket, this.fixtures.user("someone-else-" + template)), 422, "coupon-not-usable");
	}

	private HttpResponse<String> quote(Map<String, Object> body, String token) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/quotes"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(CouponFixtures.JSON.writeValueAsString(body)))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

}
