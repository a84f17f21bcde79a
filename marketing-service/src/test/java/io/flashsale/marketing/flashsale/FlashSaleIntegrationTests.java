package io.flashsale.marketing.flashsale;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.contracts.EventEnvelope;
import io.flashsale.contracts.marketing.FlashSaleScheduled;
import io.flashsale.marketing.InventoryStub;
import io.flashsale.marketing.MarketingIntegrationTest;
import io.flashsale.platform.messaging.EventJson;
import io.flashsale.platform.security.LocalTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Creating, reading, listing and republishing flash sales on real MariaDB and Kafka, with
 * inventory-service played by {@link InventoryStub}.
 */
@MarketingIntegrationTest
class FlashSaleIntegrationTests {

	private static final AtomicLong SKUS = new AtomicLong(10_000);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	InventoryStub inventory;

	@Autowired
	LocalTokens tokens;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	FlashSales sales;

	@Autowired
	EventJson eventJson;

	@Autowired
	ConsumerFactory<String, String> consumers;

	@LocalServerPort
	int port;

	@Test
	void createsASaleAllocatesItsStockWithTheCallersTokenAndPublishesIt() throws Exception {
		long sku = skuWithStock(100);
		String admin = this.tokens.admin("ops-create");
		Instant startsAt = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
		Instant endsAt = startsAt.plus(2, ChronoUnit.HOURS);
		Map<String, Object> body = body(sku, 40, 2);
		body.put("startsAt", startsAt.toString());
		body.put("endsAt", endsAt.toString());

		ResponseEntity<String> created = create(body, admin, null);

		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		JsonNode sale = JSON.readTree(created.getBody());
		long id = sale.path("id").asLong();
		assertThat(created.getHeaders().getLocation()).hasToString("/api/flash-sales/" + id);
		assertThat(sale.path("skuId").asLong()).isEqualTo(sku);
		assertThat(sale.path("title").asString()).isEqualTo("Flash sale of SKU " + sku);
		assertThat(sale.path("priceCents").asLong()).isEqualTo(1999);
		assertThat(sale.path("stock").asInt()).isEqualTo(40);
		assertThat(sale.path("perUserLimit").asInt()).isEqualTo(2);
		assertThat(Instant.parse(sale.path("startsAt").asString())).isEqualTo(startsAt);
		assertThat(Instant.parse(sale.path("endsAt").asString())).isEqualTo(endsAt);
		assertThat(sale.path("payTimeoutSeconds").asInt()).isEqualTo(900);
		assertThat(sale.path("status").asString()).isEqualTo("SCHEDULED");

		assertThat(this.inventory.receivedFor(id)).singleElement().satisfies((call) -> {
			assertThat(call.skuId()).isEqualTo(sku);
			assertThat(call.quantity()).isEqualTo(40);
			assertThat(call.authorization()).isEqualTo("Bearer " + admin);
			assertThat(call.contentType()).startsWith(MediaType.APPLICATION_JSON_VALUE);
		});
		assertThat(this.inventory.stockOf(sku)).isEqualTo(60);
		assertThat(statusOf(id)).isEqualTo("SCHEDULED");
		assertThat(this.jdbc.queryForObject("SELECT created_by FROM flash_sale WHERE id = ?", String.class, id))
			.isEqualTo("ops-create");

		try (FlashSaleTopic topic = new FlashSaleTopic(this.consumers)) {
			ConsumerRecord<String, String> record = topic.await(Long.toString(id), 1).getFirst();
			EventEnvelope<FlashSaleScheduled> event = this.eventJson.read(record.value(), FlashSaleScheduled.class);
			assertThat(event.type()).isEqualTo("FlashSaleScheduled");
			assertThat(event.key()).isEqualTo(Long.toString(id));
			assertThat(event.payload()).isEqualTo(
					new FlashSaleScheduled(id, sku, "Flash sale of SKU " + sku, 1999, 40, 2, startsAt, endsAt, 900));
		}
	}

	@Test
	void refusesASaleInventoryHasTooLittleStockForAndPublishesNothing() throws Exception {
		long sku = skuWithStock(10);

		ResponseEntity<String> refused = create(body(sku, 11, 1), this.tokens.admin("ops"), null);

		assertProblem(refused, HttpStatus.CONFLICT, "insufficient-stock");
		long id = this.inventory.receivedForSku(sku).getFirst().flashSaleId();
		assertThat(statusOf(id)).isEqualTo("REJECTED");
		assertThat(this.inventory.stockOf(sku)).isEqualTo(10);
		assertThat(get("/api/flash-sales/" + id, this.tokens.user("alice")).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		try (FlashSaleTopic topic = new FlashSaleTopic(this.consumers)) {
			assertThat(topic.readToEnd().recordsFor(Long.toString(id))).isEmpty();
		}
	}

	@Test
	void answersAnUnknownSkuWith422AndRejectsTheSale() throws Exception {
		long unknownSku = SKUS.incrementAndGet();

		ResponseEntity<String> refused = create(body(unknownSku, 5, 1), this.tokens.admin("ops"), null);

		assertProblem(refused, HttpStatus.UNPROCESSABLE_CONTENT, "sku-not-found");
		long id = this.inventory.receivedForSku(unknownSku).getFirst().flashSaleId();
		assertThat(statusOf(id)).isEqualTo("REJECTED");
	}

	@Test
	void answers503AndKeepsTheDraftWhenInventoryFails() throws Exception {
		ResponseEntity<String> failed = create(body(InventoryStub.FAILING_SKU, 5, 1), this.tokens.admin("ops"), null);

		assertProblem(failed, HttpStatus.SERVICE_UNAVAILABLE, "inventory-unavailable");
		assertThat(failed.getBody()).doesNotContain("500", "Exception");
		long id = this.inventory.receivedForSku(InventoryStub.FAILING_SKU).getLast().flashSaleId();
		assertThat(statusOf(id)).isEqualTo("DRAFT");
		assertThat(get("/api/flash-sales/" + id, this.tokens.user("alice")).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void answers503WhenInventoryIsDownAndFinishesTheDraftWhenTheSameKeyIsRepeated() throws Exception {
		long sku = skuWithStock(50);
		String admin = this.tokens.admin("ops-retry");
		Map<String, Object> body = body(sku, 20, 2);
		String key = UUID.randomUUID().toString();
		int rowsBefore = rowCount();

		this.inventory.stop();
		ResponseEntity<String> down;
		try {
			down = create(body, admin, key);
		}
		finally {
			this.inventory.restart();
		}

		assertProblem(down, HttpStatus.SERVICE_UNAVAILABLE, "inventory-unavailable");
		assertThat(rowCount()).isEqualTo(rowsBefore + 1);
		long draftId = this.jdbc.queryForObject(
				"SELECT id FROM flash_sale WHERE created_by = 'ops-retry' AND idempotency_key = ?", Long.class, key);
		assertThat(statusOf(draftId)).isEqualTo("DRAFT");
		assertThat(this.inventory.receivedFor(draftId)).isEmpty();

		ResponseEntity<String> retried = create(body, admin, key);

		assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(JSON.readTree(retried.getBody()).path("id").asLong()).isEqualTo(draftId);
		assertThat(rowCount()).isEqualTo(rowsBefore + 1);
		assertThat(statusOf(draftId)).isEqualTo("SCHEDULED");
		assertThat(this.inventory.stockOf(sku)).isEqualTo(30);
		try (FlashSaleTopic topic = new FlashSaleTopic(this.consumers)) {
			assertThat(topic.await(Long.toString(draftId), 1)).isNotEmpty();
		}
	}

	@Test
	void answers503WhenInventoryAnswersTooLateAndTakesTheStockOnceWhenTheKeyIsRepeated() throws Exception {
		long sku = skuWithStock(50);
		String admin = this.tokens.admin("ops-slow");
		Map<String, Object> body = body(sku, 20, 2);
		String key = UUID.randomUUID().toString();
		this.inventory.slowOnce(sku);

		ResponseEntity<String> late = create(body, admin, key);

		assertProblem(late, HttpStatus.SERVICE_UNAVAILABLE, "inventory-unavailable");
		long id = this.inventory.receivedForSku(sku).getFirst().flashSaleId();
		assertThat(statusOf(id)).isEqualTo("DRAFT");

		ResponseEntity<String> retried = create(body, admin, key);

		assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(JSON.readTree(retried.getBody()).path("id").asLong()).isEqualTo(id);
		assertThat(this.inventory.receivedFor(id)).hasSize(2);
		assertThat(this.inventory.stockOf(sku)).isEqualTo(30);
	}

	@Test
	void answersARepeatedKeyWithTheSameSaleWithoutAllocatingAgain() throws Exception {
		long sku = skuWithStock(50);
		String admin = this.tokens.admin("ops-repeat");
		Map<String, Object> body = body(sku, 10, 1);
		String key = UUID.randomUUID().toString();
		int rowsBefore = rowCount();

		ResponseEntity<String> first = create(body, admin, key);
		ResponseEntity<String> second = create(body, admin, key);

		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(JSON.readTree(second.getBody())).isEqualTo(JSON.readTree(first.getBody()));
		assertThat(rowCount()).isEqualTo(rowsBefore + 1);
		assertThat(this.inventory.receivedForSku(sku)).hasSize(1);
		assertThat(this.inventory.stockOf(sku)).isEqualTo(40);

		Map<String, Object> changed = new LinkedHashMap<>(body);
		changed.put("priceCents", 1);
		assertProblem(create(changed, admin, key), HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused");
		assertThat(this.inventory.receivedForSku(sku)).hasSize(1);
		assertThat(rowCount()).isEqualTo(rowsBefore + 1);
	}

	@Test
	void repeatsTheRefusalForARepeatedKeyOfARejectedSale() throws Exception {
		long sku = skuWithStock(3);
		String admin = this.tokens.admin("ops-rejected");
		String key = UUID.randomUUID().toString();
		Map<String, Object> body = body(sku, 4, 1);

		assertProblem(create(body, admin, key), HttpStatus.CONFLICT, "insufficient-stock");
		this.inventory.stock(sku, 10);
		assertProblem(create(body, admin, key), HttpStatus.CONFLICT, "insufficient-stock");

		assertThat(this.inventory.receivedForSku(sku)).hasSize(1);
	}

	static Stream<Arguments> invalidRequests() {
		Instant now = Instant.now();
		return Stream.of(arguments("price 0", with("priceCents", 0)),
				arguments("price above 10,000,000.00", with("priceCents", 1_000_000_001L)),
				arguments("negative stock", with("stock", -5)), arguments("stock 0", with("stock", 0)),
				arguments("stock above 1,000,000", with("stock", 1_000_001)),
				arguments("per-user limit above stock", with("perUserLimit", 11)),
				arguments("per-user limit above 100", merged(with("stock", 500), with("perUserLimit", 101))),
				arguments("end before start",
						merged(with("startsAt", now.plus(2, ChronoUnit.HOURS).toString()),
								with("endsAt", now.plus(1, ChronoUnit.HOURS).toString()))),
				arguments("end equal to start",
						merged(with("startsAt", now.plus(1, ChronoUnit.HOURS).toString()),
								with("endsAt", now.plus(1, ChronoUnit.HOURS).toString()))),
				arguments("end in the past",
						merged(with("startsAt", now.minus(2, ChronoUnit.HOURS).toString()),
								with("endsAt", now.minus(1, ChronoUnit.HOURS).toString()))),
				arguments("pay timeout 0", with("payTimeoutSeconds", 0)),
				arguments("pay timeout above a day", with("payTimeoutSeconds", 86_401)),
				arguments("blank title", with("title", "  ")),
				arguments("title of 121 characters", with("title", "x".repeat(121))),
				arguments("sku id 0", with("skuId", 0)), arguments("missing skuId", without("skuId")),
				arguments("missing priceCents", without("priceCents")),
				arguments("missing startsAt", without("startsAt")), arguments("missing endsAt", without("endsAt")),
				arguments("missing title", without("title")), arguments("not an instant", with("startsAt", "tomorrow")),
				arguments("price as text", with("priceCents", "cheap")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidRequests")
	void rejectsAnInvalidSaleWith400AndChangesNothing(String name, Map<String, Object> change) throws Exception {
		long sku = skuWithStock(100);
		Map<String, Object> body = body(sku, 10, 1);
		change.forEach((field, value) -> {
			if (value == REMOVED) {
				body.remove(field);
			}
			else {
				body.put(field, value);
			}
		});
		assertRejectedAndNothingChanged(JSON.writeValueAsString(body), null, sku);
	}

	@Test
	void rejectsMalformedJsonAndABadIdempotencyKeyWith400AndChangesNothing() throws Exception {
		long sku = skuWithStock(100);
		assertRejectedAndNothingChanged("{\"skuId\": " + sku + ", \"title\": ", null, sku);
		assertRejectedAndNothingChanged(JSON.writeValueAsString(body(sku, 10, 1)), "x".repeat(65), sku);
		assertRejectedAndNothingChanged(JSON.writeValueAsString(body(sku, 10, 1)), "with space", sku);
	}

	@Test
	void keepsCreatingSalesToAdmins() throws Exception {
		long sku = skuWithStock(100);
		int rowsBefore = rowCount();
		String json = JSON.writeValueAsString(body(sku, 10, 1));

		assertProblem(post(json, this.tokens.user("mallory"), null), HttpStatus.FORBIDDEN, "forbidden");
		assertProblem(post(json, null, null), HttpStatus.UNAUTHORIZED, "unauthenticated");

		assertThat(rowCount()).isEqualTo(rowsBefore);
		assertThat(this.inventory.receivedForSku(sku)).isEmpty();
	}

	@Test
	void showsAScheduledSaleToAnySignedInUserAndHidesUnknownOnes() throws Exception {
		long sku = skuWithStock(100);
		Map<String, Object> body = body(sku, 10, 1);
		body.put("startsAt", Instant.now().minus(1, ChronoUnit.MINUTES).toString());
		long id = JSON.readTree(create(body, this.tokens.admin("ops"), null).getBody()).path("id").asLong();

		ResponseEntity<String> shown = get("/api/flash-sales/" + id, this.tokens.user("bob"));

		assertThat(shown.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode sale = JSON.readTree(shown.getBody());
		assertThat(sale.path("id").asLong()).isEqualTo(id);
		assertThat(sale.path("skuId").asLong()).isEqualTo(sku);
		assertThat(sale.path("status").asString()).isEqualTo("ACTIVE");
		assertThat(sale.has("createdBy")).isFalse();
		assertProblem(get("/api/flash-sales/999999999", this.tokens.user("bob")), HttpStatus.NOT_FOUND,
				"flash-sale-not-found");
		assertProblem(get("/api/flash-sales/abc", this.tokens.user("bob")), HttpStatus.BAD_REQUEST, "invalid-request");
		assertProblem(get("/api/flash-sales/" + id, null), HttpStatus.UNAUTHORIZED, "unauthenticated");
	}

	@Test
	void listsScheduledSalesThatHaveNotEndedByStartInPages() throws Exception {
		String admin = this.tokens.admin("ops-list");
		Instant base = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
		List<Long> mine = new ArrayList<>();
		// Created out of start order: the listing must sort them.
		for (int offset : new int[] { 3, 1, 2 }) {
			Map<String, Object> body = body(skuWithStock(10), 5, 1);
			body.put("startsAt", base.plus(offset, ChronoUnit.MINUTES).toString());
			body.put("endsAt", base.plus(1, ChronoUnit.DAYS).toString());
			mine.add(JSON.readTree(create(body, admin, null).getBody()).path("id").asLong());
		}
		long rejected = this.inventory.receivedForSku(rejectedSale(admin)).getFirst().flashSaleId();
		long ended = insertScheduled(Instant.now().minus(2, ChronoUnit.HOURS),
				Instant.now().minus(1, ChronoUnit.HOURS));
		String user = this.tokens.user("carol");

		List<JsonNode> listed = new ArrayList<>();
		for (int page = 0;; page++) {
			ResponseEntity<String> response = get("/api/flash-sales?page=" + page + "&size=2", user);
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
			JsonNode body = JSON.readTree(response.getBody());
			assertThat(body.path("page").asInt()).isEqualTo(page);
			assertThat(body.path("size").asInt()).isEqualTo(2);
			assertThat(body.path("items").size()).isLessThanOrEqualTo(2);
			body.path("items").forEach(listed::add);
			if (body.path("items").size() < 2) {
				break;
			}
		}

		List<Long> ids = listed.stream().map((sale) -> sale.path("id").asLong()).toList();
		List<Instant> starts = listed.stream().map((sale) -> Instant.parse(sale.path("startsAt").asString())).toList();
		assertThat(ids).doesNotHaveDuplicates().doesNotContain(rejected, ended);
		assertThat(ids).containsSubsequence(mine.get(1), mine.get(2), mine.get(0));
		assertThat(starts).isSorted();
		assertThat(listed).allSatisfy((sale) -> assertThat(sale.path("status").asString()).isIn("SCHEDULED", "ACTIVE"));
		assertThat(ids).hasSize(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM flash_sale WHERE status = 'SCHEDULED' AND ends_at > UTC_TIMESTAMP(3)",
				Integer.class));
		JsonNode firstPage = JSON.readTree(get("/api/flash-sales", user).getBody());
		assertThat(firstPage.path("page").asInt()).isZero();
		assertThat(firstPage.path("size").asInt()).isEqualTo(20);
	}

	@Test
	void rejectsBadPagingWith400() {
		String user = this.tokens.user("carol");
		for (String query : List.of("size=0", "size=101", "page=-1", "size=abc", "page=10001")) {
			assertProblem(get("/api/flash-sales?" + query, user), HttpStatus.BAD_REQUEST, "invalid-request");
		}
	}

	@Test
	void republishesScheduledSalesThatHaveNotEndedAndNeverEndedOnes() throws Exception {
		// Inserted as SCHEDULED without a publish: as if the send after creating had been
		// lost.
		long lost = insertScheduled(Instant.now().plus(1, ChronoUnit.HOURS), Instant.now().plus(2, ChronoUnit.HOURS));
		long ended = insertScheduled(Instant.now().minus(2, ChronoUnit.HOURS),
				Instant.now().minus(1, ChronoUnit.HOURS));

		try (FlashSaleTopic topic = new FlashSaleTopic(this.consumers)) {
			List<ConsumerRecord<String, String>> records = topic.await(Long.toString(lost), 2);

			assertThat(records).as("republish rounds of sale %d", lost).hasSizeGreaterThanOrEqualTo(2);
			assertThat(records).map((record) -> this.eventJson.read(record.value(), FlashSaleScheduled.class))
				.allSatisfy((event) -> assertThat(event.payload().flashSaleId()).isEqualTo(lost))
				.map(EventEnvelope::eventId)
				.doesNotHaveDuplicates();
			assertThat(topic.readToEnd().recordsFor(Long.toString(ended))).isEmpty();
		}
	}

	@Test
	void storesInstantsAsUtcAndReadsThemBackExactly() {
		// 06:30Z on 2030-11-03 is 01:30 in New York (the test JVM's zone), a local time
		// that occurs twice that night; 07:30Z on 2030-03-10 falls just after the spring
		// gap. A zone-dependent mapping loses one or the other.
		Instant startsAt = Instant.parse("2030-03-10T07:30:00.123Z");
		Instant endsAt = Instant.parse("2030-11-03T06:30:00.456Z");
		long id = insertScheduled(startsAt, endsAt);

		FlashSale read = this.sales.findById(id).orElseThrow();

		assertThat(read.view(startsAt).startsAt()).isEqualTo(startsAt);
		assertThat(read.endsAt()).isEqualTo(endsAt);
		assertThat(this.jdbc.queryForObject("SELECT CAST(starts_at AS CHAR) FROM flash_sale WHERE id = ?", String.class,
				id))
			.isEqualTo("2030-03-10 07:30:00.123");
		assertThat(
				this.jdbc.queryForObject("SELECT CAST(ends_at AS CHAR) FROM flash_sale WHERE id = ?", String.class, id))
			.isEqualTo("2030-11-03 06:30:00.456");
	}

	@Test
	void keepsInstantsToTheMillisecondTheyAreStoredWith() throws Exception {
		Map<String, Object> body = body(skuWithStock(10), 5, 1);
		body.put("startsAt", "2031-01-01T00:00:00.123456789Z");
		body.put("endsAt", "2031-01-02T00:00:00.999999Z");

		JsonNode sale = JSON.readTree(create(body, this.tokens.admin("ops"), null).getBody());

		assertThat(Instant.parse(sale.path("startsAt").asString()))
			.isEqualTo(Instant.parse("2031-01-01T00:00:00.123Z"));
		assertThat(Instant.parse(sale.path("endsAt").asString())).isEqualTo(Instant.parse("2031-01-02T00:00:00.999Z"));
		JsonNode read = JSON
			.readTree(get("/api/flash-sales/" + sale.path("id").asLong(), this.tokens.user("bob")).getBody());
		assertThat(read).isEqualTo(sale);
	}

	private void assertRejectedAndNothingChanged(String json, String idempotencyKey, long sku) throws Exception {
		int rowsBefore = rowCount();
		int callsBefore = this.inventory.received().size();

		ResponseEntity<String> response = post(json, this.tokens.admin("ops"), idempotencyKey);

		assertProblem(response, HttpStatus.BAD_REQUEST, "invalid-request");
		assertThat(rowCount()).isEqualTo(rowsBefore);
		assertThat(this.inventory.received()).hasSize(callsBefore);
		assertThat(this.inventory.stockOf(sku)).isEqualTo(100);
	}

	/** A sale inventory refuses; returns its SKU. */
	private long rejectedSale(String admin) throws Exception {
		long sku = skuWithStock(1);
		assertProblem(create(body(sku, 2, 1), admin, null), HttpStatus.CONFLICT, "insufficient-stock");
		return sku;
	}

	private long insertScheduled(Instant startsAt, Instant endsAt) {
		CreateFlashSale request = new CreateFlashSale(SKUS.incrementAndGet(), "Inserted", 500L, 10, 1, startsAt, endsAt,
				600);
		FlashSale sale = FlashSale.draft(request, "test", null, Instant.now());
		sale.schedule(Instant.now());
		this.sales.insert(sale);
		return sale.id();
	}

	private long skuWithStock(int units) {
		long sku = SKUS.incrementAndGet();
		this.inventory.stock(sku, units);
		return sku;
	}

	private static Map<String, Object> body(long sku, int stock, int perUserLimit) {
		Instant startsAt = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("skuId", sku);
		body.put("title", "Flash sale of SKU " + sku);
		body.put("priceCents", 1999);
		body.put("stock", stock);
		body.put("perUserLimit", perUserLimit);
		body.put("startsAt", startsAt.toString());
		body.put("endsAt", startsAt.plus(1, ChronoUnit.HOURS).toString());
		body.put("payTimeoutSeconds", 900);
		return body;
	}

	private static final Object REMOVED = new Object();

	private static Map<String, Object> with(String field, Object value) {
		return Map.of(field, value);
	}

	private static Map<String, Object> without(String field) {
		return Map.of(field, REMOVED);
	}

	private static Map<String, Object> merged(Map<String, Object> first, Map<String, Object> second) {
		Map<String, Object> merged = new LinkedHashMap<>(first);
		merged.putAll(second);
		return merged;
	}

	private ResponseEntity<String> create(Map<String, Object> body, String token, String idempotencyKey)
			throws Exception {
		return post(JSON.writeValueAsString(body), token, idempotencyKey);
	}

	private ResponseEntity<String> post(String json, String token, String idempotencyKey) {
		return http().post()
			.uri("/api/admin/flash-sales")
			.contentType(MediaType.APPLICATION_JSON)
			.headers((headers) -> {
				if (token != null) {
					headers.setBearerAuth(token);
				}
				if (idempotencyKey != null) {
					headers.set("Idempotency-Key", idempotencyKey);
				}
			})
			.body(json)
			.retrieve()
			.toEntity(String.class);
	}

	private ResponseEntity<String> get(String path, String token) {
		return http().get().uri(path).headers((headers) -> {
			if (token != null) {
				headers.setBearerAuth(token);
			}
		}).retrieve().toEntity(String.class);
	}

	/**
	 * On the JDK client: Apache HttpClient (on the classpath) would repeat a POST that
	 * was answered 503 by itself, hiding the answer under test.
	 */
	private RestClient http() {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	private static void assertProblem(ResponseEntity<String> response, HttpStatus status, String code) {
		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
		JsonNode problem = JSON.readTree(response.getBody());
		assertThat(problem.path("code").asString()).isEqualTo(code);
		assertThat(problem.path("type").asString()).isEqualTo("https://flashsale.dev/problems/" + code);
		assertThat(problem.path("status").asInt()).isEqualTo(status.value());
	}

	private int rowCount() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM flash_sale", Integer.class);
	}

	private String statusOf(long id) {
		return this.jdbc.queryForObject("SELECT status FROM flash_sale WHERE id = ?", String.class, id);
	}

}
