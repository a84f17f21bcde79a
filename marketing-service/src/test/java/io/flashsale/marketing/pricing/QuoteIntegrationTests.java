package io.flashsale.marketing.pricing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.flashsale.marketing.pricing.PricingApi.assertProblem;
import static io.flashsale.marketing.pricing.PricingApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/quotes} on the running service with real MariaDB, Redis and Kafka;
 * list prices come from inventory-service played by {@link InventoryStub}. Promotions are
 * created through the admin API. Each test uses its own SKUs and shops, and ends the
 * basket-wide promotions others left, so its totals depend only on what it set up.
 */
@MarketingIntegrationTest
class QuoteIntegrationTests {

	private static final AtomicLong SKUS = new AtomicLong(70_000);

	private static final AtomicLong SHOPS = new AtomicLong(7_000);

	@Autowired
	InventoryStub inventory;

	@Autowired
	LocalTokens tokens;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Quotes quotes;

	@LocalServerPort
	int port;

	PricingApi api;

	String admin;

	@BeforeEach
	void setUp() {
		this.api = new PricingApi(this.port);
		this.admin = this.tokens.admin("ops-pricing");
		this.api.endBasketWidePromotions(this.jdbc, this.admin);
	}

	@Test
	void quotesTheDesignsWorkedExampleApportionedAndSigned() {
		long shop = SHOPS.incrementAndGet();
		long a = sku(shop, 3_000);
		long b = sku(shop, 4_000);
		long c = sku(shop, 5_000);
		long promotion = this.api.promotion(this.admin, platformSpendSave(9_900, 900));
		String alice = this.tokens.user("alice");
		int readsBefore = this.inventory.skuReadAuthorizations().size();

		ResponseEntity<String> response = this.api.post("/api/quotes", alice, basket(a, 1, b, 1, c, 1));

		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
		JsonNode quote = json(response);
		assertThat(quote.path("userId").asString()).isEqualTo("alice");
		assertThat(quote.path("currency").asString()).isEqualTo("CNY");
		assertThat(paid(quote)).containsExactly(2_775L, 3_700L, 4_625L);
		assertThat(quote.path("listTotalMinor").asLong()).isEqualTo(12_000);
		assertThat(quote.path("discountTotalMinor").asLong()).isEqualTo(900);
		assertThat(quote.path("totalMinor").asLong()).isEqualTo(11_100);
		JsonNode first = quote.path("lines").get(0);
		assertThat(first.path("skuId").asLong()).isEqualTo(a);
		assertThat(first.path("unitPriceMinor").asLong()).isEqualTo(3_000);
		assertThat(first.path("discounts").get(0).path("kind").asString()).isEqualTo("PLATFORM");
		assertThat(first.path("discounts").get(0).path("id").asString()).isEqualTo(String.valueOf(promotion));
		assertThat(first.path("discounts").get(0).path("amountMinor").asLong()).isEqualTo(225);
		assertThat(quote.path("discounts")).hasSize(1);
		assertThat(quote.path("discounts").get(0).path("amountMinor").asLong()).isEqualTo(900);
		Instant issuedAt = Instant.parse(quote.path("issuedAt").asString());
		Instant expiresAt = Instant.parse(quote.path("expiresAt").asString());
		assertThat(Duration.between(issuedAt, expiresAt)).isEqualTo(Duration.ofMinutes(10));
		assertThat(quote.path("signature").asString()).isNotBlank();
		// The shopper's own token went to inventory-service for the list prices.
		assertThat(this.inventory.skuReadAuthorizations().subList(readsBefore, readsBefore + 3))
			.containsOnly("Bearer " + alice);

		Quote parsed = PricingApi.JSON.readValue(response.getBody(), Quote.class);
		assertThat(this.quotes.verify(parsed, "alice", issuedAt.plusSeconds(1))).isEqualTo(Quotes.Verdict.VALID);
	}

	@Test
	void aQuoteChangedInAnyAmountOrOwnerFailsVerification() {
		long shop = SHOPS.incrementAndGet();
		long a = sku(shop, 3_000);
		long b = sku(shop, 4_000);
		ResponseEntity<String> response = this.api.post("/api/quotes", this.tokens.user("bob"), basket(a, 2, b, 1));
		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
		Quote quote = PricingApi.JSON.readValue(response.getBody(), Quote.class);
		Instant during = quote.issuedAt().plusSeconds(5);
		assertThat(this.quotes.verify(quote, "bob", during)).isEqualTo(Quotes.Verdict.VALID);

		Quote cheaper = new Quote(quote.id(), quote.userId(), quote.currency(), quote.lines(), quote.gifts(),
				quote.discounts(), quote.listTotalMinor(), quote.discountTotalMinor(), quote.totalMinor() - 1,
				quote.issuedAt(), quote.expiresAt(), quote.signature());
		List<Quote.Line> lines = new ArrayList<>(quote.lines());
		Quote.Line line = lines.getFirst();
		lines.set(0, new Quote.Line(line.skuId(), line.shopId(), line.quantity() + 1, line.unitPriceMinor(),
				line.listAmountMinor(), line.discounts(), line.paidMinor()));
		Quote moreUnits = new Quote(quote.id(), quote.userId(), quote.currency(), lines, quote.gifts(),
				quote.discounts(), quote.listTotalMinor(), quote.discountTotalMinor(), quote.totalMinor(),
				quote.issuedAt(), quote.expiresAt(), quote.signature());
		Quote longer = new Quote(quote.id(), quote.userId(), quote.currency(), quote.lines(), quote.gifts(),
				quote.discounts(), quote.listTotalMinor(), quote.discountTotalMinor(), quote.totalMinor(),
				quote.issuedAt(), quote.expiresAt().plus(1, ChronoUnit.DAYS), quote.signature());
		Quote otherOwner = new Quote(quote.id(), "mallory", quote.currency(), quote.lines(), quote.gifts(),
				quote.discounts(), quote.listTotalMinor(), quote.discountTotalMinor(), quote.totalMinor(),
				quote.issuedAt(), quote.expiresAt(), quote.signature());
		Quote unsigned = quote.signedWith(null);

		assertThat(this.quotes.verify(cheaper, "bob", during)).isEqualTo(Quotes.Verdict.TAMPERED);
		assertThat(this.quotes.verify(moreUnits, "bob", during)).isEqualTo(Quotes.Verdict.TAMPERED);
		assertThat(this.quotes.verify(longer, "bob", during)).isEqualTo(Quotes.Verdict.TAMPERED);
		assertThat(this.quotes.verify(otherOwner, "mallory", during)).isEqualTo(Quotes.Verdict.TAMPERED);
		assertThat(this.quotes.verify(unsigned, "bob", during)).isEqualTo(Quotes.Verdict.TAMPERED);
		assertThat(this.quotes.verify(quote, "mallory", during)).isEqualTo(Quotes.Verdict.NOT_YOURS);
		assertThat(this.quotes.verify(quote, "bob", quote.expiresAt())).isEqualTo(Quotes.Verdict.EXPIRED);
	}

	@Test
	void stacksItemAndShopPromotionsAndStopsApplyingOneOnceEnded() {
		long shop = SHOPS.incrementAndGet();
		long a = sku(shop, 10_000);
		long b = sku(shop, 2_000);
		long item = this.api.promotion(this.admin, item(a, 1_000));
		long shopPromotion = this.api.promotion(this.admin, shopSpendSave(shop, 10_000, 1_000));
		String carol = this.tokens.user("carol");

		JsonNode quote = json(this.api.post("/api/quotes", carol, basket(a, 1, b, 1)));
		// 100.00 - 10.00 item cut = 90.00, + 20.00 = 110.00 meets spend 100 save 10:
		// 100.00.
		assertThat(quote.path("totalMinor").asLong()).isEqualTo(10_000);
		assertThat(quote.path("discounts").findValuesAsString("kind")).containsExactly("ITEM", "SHOP");
		assertThat(quote.path("discounts").get(0).path("id").asString()).isEqualTo(String.valueOf(item));

		assertThat(this.api.post("/api/admin/promotions/" + item + "/end", this.admin, "").getStatusCode())
			.isEqualTo(HttpStatus.OK);
		JsonNode after = json(this.api.post("/api/quotes", carol, basket(a, 1, b, 1)));
		// 120.00 - 10.00 shop saving.
		assertThat(after.path("totalMinor").asLong()).isEqualTo(11_000);
		assertThat(after.path("discounts").findValuesAsString("id")).containsExactly(String.valueOf(shopPromotion));
	}

	@Test
	void pricesABundleAndAddsAGiftLineAtZero() {
		long shop = SHOPS.incrementAndGet();
		long a = sku(shop, 5_000);
		long b = sku(shop, 3_000);
		long giftSku = SKUS.incrementAndGet();
		Map<String, Object> bundle = window("3 for 100", "BUNDLE");
		bundle.put("skuIds", List.of(a, b));
		bundle.put("bundleQuantity", 3);
		bundle.put("bundlePriceMinor", 10_000);
		long bundleId = this.api.promotion(this.admin, bundle);
		Map<String, Object> gift = window("free cable over 150", "GIFT");
		gift.put("thresholdMinor", 15_000);
		gift.put("giftSkuId", giftSku);
		gift.put("giftQuantity", 1);
		long giftId = this.api.promotion(this.admin, gift);
		try {
			JsonNode quote = json(this.api.post("/api/quotes", this.tokens.user("hana"), basket(a, 2, b, 3)));

			// 190.00 at list; the bundle takes 50 + 50 + 30 for 100.00, saving 30.00
			// spread
			// 15.79 / 14.21; 160.00 to pay reaches the gift's 150.00.
			assertThat(quote.path("totalMinor").asLong()).isEqualTo(16_000);
			assertThat(paid(quote)).containsExactly(10_000L - 1_579L, 9_000L - 1_421L);
			assertThat(quote.path("discounts").get(0).path("id").asString()).isEqualTo(String.valueOf(bundleId));
			assertThat(quote.path("gifts")).hasSize(1);
			assertThat(quote.path("gifts").get(0).path("skuId").asLong()).isEqualTo(giftSku);
			assertThat(quote.path("gifts").get(0).path("promotionId").asLong()).isEqualTo(giftId);
		}
		finally {
			this.api.post("/api/admin/promotions/" + giftId + "/end", this.admin, "");
		}
	}

	@Test
	void rejectsInvalidBasketsWith400AndReadsNoPrice() {
		long shop = SHOPS.incrementAndGet();
		long a = sku(shop, 1_000);
		long b = sku(shop, 1_000);
		List<Map<String, Object>> fiftyOne = new ArrayList<>();
		for (int i = 1; i <= 51; i++) {
			fiftyOne.add(Map.of("skuId", i, "quantity", 1));
		}
		String[] invalid = { "{}", "{\"lines\":[]}", "{\"lines\":null}", "[]", "{\"lines\":[{\"skuId\":" + a + "}]}",
				"{\"lines\":[{\"skuId\":" + a + ",\"quantity\":0}]}",
				"{\"lines\":[{\"skuId\":" + a + ",\"quantity\":100}]}",
				"{\"lines\":[{\"skuId\":" + a + ",\"quantity\":1.5}]}", "{\"lines\":[{\"skuId\":0,\"quantity\":1}]}",
				"{\"lines\":[{\"skuId\":-1,\"quantity\":1}]}", "{\"lines\":[null]}",
				"{\"lines\":[{\"skuId\":" + a + ",\"quantity\":1},{\"skuId\":" + a + ",\"quantity\":2}]}",
				"{\"lines\":[{\"skuId\":" + a + ",\"quantity\":1}],\"couponIds\":[\"\"]}",
				"{\"lines\":[{\"skuId\":" + a + ",\"quantity\":1}],\"couponIds\":[\"c1\",\"c1\"]}",
				"{\"lines\":[{\"skuId\":" + a
						+ ",\"quantity\":1}],\"couponIds\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\"]}",
				"{\"lines\":[{\"skuId\":" + a + ",\"quantity\":1}",
				PricingApi.JSON.writeValueAsString(Map.of("lines", fiftyOne)) };
		String dave = this.tokens.user("dave");
		int readsBefore = this.inventory.skuReadAuthorizations().size();
		for (String body : invalid) {
			assertProblem(this.api.post("/api/quotes", dave, body), HttpStatus.BAD_REQUEST, "invalid-request");
		}
		assertThat(this.inventory.skuReadAuthorizations()).hasSize(readsBefore);
		assertThat(this.api.post("/api/quotes", dave, basket(a, 99, b, 1)).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void neverTakesAPriceFromTheClient() {
		long sku = sku(SHOPS.incrementAndGet(), 2_500);
		// Readers tolerate unknown fields (the platform's rule); a price sent is one.
		ResponseEntity<String> response = this.api.post("/api/quotes", this.tokens.user("dave"),
				"{\"lines\":[{\"skuId\":" + sku + ",\"quantity\":2,\"unitPriceMinor\":1,\"paidMinor\":1}],"
						+ "\"totalMinor\":1,\"listTotalMinor\":1}");

		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
		JsonNode quote = json(response);
		assertThat(quote.path("lines").get(0).path("unitPriceMinor").asLong()).isEqualTo(2_500);
		assertThat(quote.path("lines").get(0).path("paidMinor").asLong()).isEqualTo(5_000);
		assertThat(quote.path("totalMinor").asLong()).isEqualTo(5_000);
	}

	@Test
	void refusesUnknownUnpricedAndMixedCurrencySkusWith422() {
		long shop = SHOPS.incrementAndGet();
		long priced = sku(shop, 1_000);
		long unknown = SKUS.incrementAndGet();
		long unpriced = SKUS.incrementAndGet();
		this.inventory.unpriced(unpriced);
		long dollars = SKUS.incrementAndGet();
		this.inventory.price(dollars, shop, 1_000, "USD");
		String erin = this.tokens.user("erin");

		ResponseEntity<String> notFound = this.api.post("/api/quotes", erin, basket(priced, 1, unknown, 1));
		assertProblem(notFound, HttpStatus.UNPROCESSABLE_CONTENT, "sku-not-found");
		assertThat(json(notFound).path("skuId").asLong()).isEqualTo(unknown);
		ResponseEntity<String> notPriced = this.api.post("/api/quotes", erin, basket(priced, 1, unpriced, 1));
		assertProblem(notPriced, HttpStatus.UNPROCESSABLE_CONTENT, "sku-not-priced");
		assertThat(json(notPriced).path("skuId").asLong()).isEqualTo(unpriced);
		assertProblem(this.api.post("/api/quotes", erin, basket(priced, 1, dollars, 1)),
				HttpStatus.UNPROCESSABLE_CONTENT, "mixed-currencies");
	}

	@Test
	void refusesCouponsItCannotUseWith422AndNoQuote() {
		long sku = sku(SHOPS.incrementAndGet(), 1_000);
		Map<String, Object> body = new LinkedHashMap<>(basket(sku, 1));
		body.put("couponIds", List.of("C-unknown"));

		ResponseEntity<String> response = this.api.post("/api/quotes", this.tokens.user("frank"), body);

		assertProblem(response, HttpStatus.UNPROCESSABLE_CONTENT, "coupon-not-usable");
		assertThat(json(response).path("couponIds").get(0).asString()).isEqualTo("C-unknown");
		assertThat(json(response).has("signature")).isFalse();
	}

	@Test
	void answers503WhenInventoryIsDownAnd401WithoutAToken() {
		long sku = sku(SHOPS.incrementAndGet(), 1_000);
		assertProblem(this.api.post("/api/quotes", null, basket(sku, 1)), HttpStatus.UNAUTHORIZED, "unauthenticated");
		this.inventory.stop();
		try {
			ResponseEntity<String> down = this.api.post("/api/quotes", this.tokens.user("gina"), basket(sku, 1));
			assertProblem(down, HttpStatus.SERVICE_UNAVAILABLE, "inventory-unavailable");
			assertThat(down.getHeaders().getFirst("Retry-After")).isEqualTo("5");
		}
		finally {
			this.inventory.restart();
		}
		assertThat(this.api.post("/api/quotes", this.tokens.user("gina"), basket(sku, 1)).getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	private long sku(long shop, long priceMinor) {
		long id = SKUS.incrementAndGet();
		this.inventory.price(id, shop, priceMinor, "CNY");
		return id;
	}

	private static List<Long> paid(JsonNode quote) {
		List<Long> paid = new ArrayList<>();
		quote.path("lines").forEach((line) -> paid.add(line.path("paidMinor").asLong()));
		return paid;
	}

	static Map<String, Object> basket(long... skuAndQuantity) {
		List<Map<String, Object>> lines = new ArrayList<>();
		for (int i = 0; i < skuAndQuantity.length; i += 2) {
			lines.add(Map.of("skuId", skuAndQuantity[i], "quantity", skuAndQuantity[i + 1]));
		}
		return Map.of("lines", lines);
	}

	static Map<String, Object> platformSpendSave(long threshold, long save) {
		Map<String, Object> body = window("spend " + threshold + " save " + save, "PLATFORM");
		body.put("thresholdMinor", threshold);
		body.put("amountOffMinor", save);
		return body;
	}

	static Map<String, Object> shopSpendSave(long shop, long threshold, long save) {
		Map<String, Object> body = window("shop spend-save", "SHOP");
		body.put("shopId", shop);
		body.put("thresholdMinor", threshold);
		body.put("amountOffMinor", save);
		return body;
	}

	static Map<String, Object> item(long sku, long offPerUnit) {
		Map<String, Object> body = window("item cut", "ITEM");
		body.put("skuIds", List.of(sku));
		body.put("amountOffMinor", offPerUnit);
		return body;
	}

	static Map<String, Object> window(String name, String kind) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("kind", kind);
		body.put("currency", "CNY");
		body.put("startsAt", Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS).toString());
		body.put("endsAt", Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS).toString());
		return body;
	}

}
