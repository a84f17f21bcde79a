package io.flashsale.marketing.pricing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.flashsale.marketing.MarketingIntegrationTest;
import io.flashsale.platform.security.LocalTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.flashsale.marketing.pricing.PricingApi.assertProblem;
import static io.flashsale.marketing.pricing.PricingApi.json;
import static io.flashsale.marketing.pricing.QuoteIntegrationTests.window;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin promotion API on the running service and real MariaDB: strict validation,
 * admins only, ending.
 */
@MarketingIntegrationTest
class PromotionIntegrationTests {

	@Autowired
	LocalTokens tokens;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ActivePromotions active;

	@LocalServerPort
	int port;

	PricingApi api;

	String admin;

	@BeforeEach
	void setUp() {
		this.api = new PricingApi(this.port);
		this.admin = this.tokens.admin("ops-promotions");
	}

	@Test
	void createsShowsListsAndEndsAPromotion() {
		Map<String, Object> body = window("Two for 150", "BUNDLE");
		body.put("skuIds", List.of(501, 502));
		body.put("bundleQuantity", 2);
		body.put("bundlePriceMinor", 15_000);

		ResponseEntity<String> created = this.api.post("/api/admin/promotions", this.admin, body);

		assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
		JsonNode promotion = json(created);
		long id = promotion.path("id").asLong();
		assertThat(created.getHeaders().getLocation()).hasToString("/api/admin/promotions/" + id);
		assertThat(promotion.path("kind").asString()).isEqualTo("BUNDLE");
		assertThat(promotion.path("status").asString()).isEqualTo("ACTIVE");
		assertThat(promotion.path("skuIds").get(0).asLong()).isEqualTo(501);
		assertThat(promotion.path("skuIds").get(1).asLong()).isEqualTo(502);
		assertThat(promotion.path("bundlePriceMinor").asLong()).isEqualTo(15_000);
		assertThat(promotion.path("createdBy").asString()).isEqualTo("ops-promotions");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM promotion_sku WHERE promotion_id = ?", Integer.class,
				id))
			.isEqualTo(2);
		assertThat(this.active.current()).extracting(Promotion::id).contains(id);

		assertThat(json(this.api.get("/api/admin/promotions/" + id, this.admin)).path("name").asString())
			.isEqualTo("Two for 150");
		assertThat(json(this.api.get("/api/admin/promotions?size=100", this.admin)).findValues("id"))
			.extracting(JsonNode::asLong)
			.contains(id);

		ResponseEntity<String> ended = this.api.post("/api/admin/promotions/" + id + "/end", this.admin, "");
		assertThat(ended.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(json(ended).path("status").asString()).isEqualTo("ENDED");
		assertThat(json(ended).path("endedAt").isNull()).isFalse();
		assertThat(this.active.current()).extracting(Promotion::id).doesNotContain(id);
		// Ending again changes nothing.
		ResponseEntity<String> again = this.api.post("/api/admin/promotions/" + id + "/end", this.admin, "");
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(json(again).path("endedAt").asString()).isEqualTo(json(ended).path("endedAt").asString());

		assertProblem(this.api.post("/api/admin/promotions/999999999/end", this.admin, ""), HttpStatus.NOT_FOUND,
				"promotion-not-found");
		assertProblem(this.api.get("/api/admin/promotions/999999999", this.admin), HttpStatus.NOT_FOUND,
				"promotion-not-found");
	}

	@Test
	void acceptsEachKindWithExactlyItsFields() {
		for (Map<String, Object> body : List.of(QuoteIntegrationTests.item(601, 100), percentItem(602, 1_500),
				QuoteIntegrationTests.shopSpendSave(9, 10_000, 1_000), gift(20_000, 777, 1),
				QuoteIntegrationTests.platformSpendSave(1_000_000_000L, 1))) {
			long id = this.api.promotion(this.admin, body);
			if ("PLATFORM".equals(body.get("kind")) || "GIFT".equals(body.get("kind"))) {
				// Basket-wide: ended at once so no other test's totals see it.
				assertThat(this.api.post("/api/admin/promotions/" + id + "/end", this.admin, "").getStatusCode())
					.isEqualTo(HttpStatus.OK);
			}
		}
	}

	@Test
	void rejectsInvalidPromotionsWith400AndStoresNothing() {
		int before = rows();
		List<Map<String, Object>> invalid = List.of(without(QuoteIntegrationTests.item(1, 100), "name"),
				with(QuoteIntegrationTests.item(1, 100), "name", " "),
				with(QuoteIntegrationTests.item(1, 100), "name", "n".repeat(121)),
				with(QuoteIntegrationTests.item(1, 100), "kind", "COUPON"),
				with(QuoteIntegrationTests.item(1, 100), "kind", "LOTTERY"),
				without(QuoteIntegrationTests.item(1, 100), "kind"),
				with(QuoteIntegrationTests.item(1, 100), "currency", "XYZ"),
				with(QuoteIntegrationTests.item(1, 100), "currency", "cny"),
				without(QuoteIntegrationTests.item(1, 100), "currency"),
				// ITEM: SKUs and exactly one of amount or percentage.
				without(QuoteIntegrationTests.item(1, 100), "skuIds"),
				with(QuoteIntegrationTests.item(1, 100), "skuIds", List.of()),
				with(QuoteIntegrationTests.item(1, 100), "skuIds", List.of(0)),
				without(QuoteIntegrationTests.item(1, 100), "amountOffMinor"),
				with(QuoteIntegrationTests.item(1, 100), "percentOffBasisPoints", 1_000),
				with(QuoteIntegrationTests.item(1, 100), "amountOffMinor", 0),
				with(QuoteIntegrationTests.item(1, 100), "amountOffMinor", -5),
				with(QuoteIntegrationTests.item(1, 100), "amountOffMinor", 1.5), percentItem(1, 0),
				percentItem(1, 10_001), with(QuoteIntegrationTests.item(1, 100), "thresholdMinor", 1_000),
				with(QuoteIntegrationTests.item(1, 100), "shopId", 1),
				// SHOP / PLATFORM: a threshold and a saving no larger.
				without(QuoteIntegrationTests.shopSpendSave(1, 10_000, 1_000), "shopId"),
				without(QuoteIntegrationTests.shopSpendSave(1, 10_000, 1_000), "thresholdMinor"),
				QuoteIntegrationTests.shopSpendSave(1, 1_000, 1_001),
				with(QuoteIntegrationTests.platformSpendSave(10_000, 1_000), "shopId", 1),
				with(QuoteIntegrationTests.platformSpendSave(10_000, 1_000), "skuIds", List.of(1)),
				QuoteIntegrationTests.platformSpendSave(0, 0),
				// BUNDLE and GIFT.
				bundle(1, 15_000), bundle(101, 15_000), bundle(2, 0), without(bundle(2, 15_000), "skuIds"),
				gift(20_000, 777, 0), gift(20_000, 777, 11), without(gift(20_000, 777, 1), "thresholdMinor"),
				with(gift(20_000, 777, 1), "amountOffMinor", 5),
				// The window: ends after it starts, in the future.
				with(QuoteIntegrationTests.item(1, 100), "endsAt",
						Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS).toString()),
				with(QuoteIntegrationTests.item(1, 100), "startsAt",
						Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS).toString()),
				without(QuoteIntegrationTests.item(1, 100), "startsAt"),
				with(QuoteIntegrationTests.item(1, 100), "startsAt", "yesterday"));
		for (Map<String, Object> body : invalid) {
			assertProblem(this.api.post("/api/admin/promotions", this.admin, body), HttpStatus.BAD_REQUEST,
					"invalid-request");
		}
		assertProblem(this.api.post("/api/admin/promotions", this.admin, "{\"name\":"), HttpStatus.BAD_REQUEST,
				"invalid-request");
		assertThat(rows()).isEqualTo(before);
	}

	@Test
	void keepsPromotionsToAdmins() {
		long id = this.api.promotion(this.admin, QuoteIntegrationTests.item(1, 100));
		int before = rows();
		String shopper = this.tokens.user("mallory");

		assertProblem(this.api.post("/api/admin/promotions", shopper, QuoteIntegrationTests.item(1, 100)),
				HttpStatus.FORBIDDEN, "forbidden");
		assertProblem(this.api.get("/api/admin/promotions", shopper), HttpStatus.FORBIDDEN, "forbidden");
		assertProblem(this.api.post("/api/admin/promotions/" + id + "/end", shopper, ""), HttpStatus.FORBIDDEN,
				"forbidden");
		assertProblem(this.api.post("/api/admin/promotions", null, QuoteIntegrationTests.item(1, 100)),
				HttpStatus.UNAUTHORIZED, "unauthenticated");

		assertThat(rows()).isEqualTo(before);
		assertThat(json(this.api.get("/api/admin/promotions/" + id, this.admin)).path("status").asString())
			.isEqualTo("ACTIVE");
	}

	private int rows() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM promotion", Integer.class);
	}

	private static Map<String, Object> percentItem(long sku, int basisPoints) {
		Map<String, Object> body = window("percent cut", "ITEM");
		body.put("skuIds", List.of(sku));
		body.put("percentOffBasisPoints", basisPoints);
		return body;
	}

	private static Map<String, Object> bundle(int quantity, long price) {
		Map<String, Object> body = window("bundle", "BUNDLE");
		body.put("skuIds", List.of(1, 2));
		body.put("bundleQuantity", quantity);
		body.put("bundlePriceMinor", price);
		return body;
	}

	private static Map<String, Object> gift(long threshold, long giftSku, int quantity) {
		Map<String, Object> body = window("gift", "GIFT");
		body.put("thresholdMinor", threshold);
		body.put("giftSkuId", giftSku);
		body.put("giftQuantity", quantity);
		return body;
	}

	private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
		Map<String, Object> copy = new LinkedHashMap<>(body);
		copy.put(field, value);
		return copy;
	}

	private static Map<String, Object> without(Map<String, Object> body, String field) {
		Map<String, Object> copy = new LinkedHashMap<>(body);
		copy.remove(field);
		return copy;
	}

}
