package io.flashsale.marketing.inventory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.marketing.InventoryStub;
import io.flashsale.marketing.MarketingIntegrationTest;
import io.flashsale.platform.security.LocalTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inventory call's breaker, time limit and bulkhead on a running marketing-service,
 * with inventory-service played by {@link InventoryStub} (a real HTTP server, stopped,
 * slowed or held). Settings from {@link MarketingIntegrationTest}: breaker window 5 at
 * 100% failures, time limit 3 s, bulkhead 2. Every fallback is 503
 * {@code inventory-unavailable} with the sale left DRAFT and completed by repeating the
 * request with the same key.
 */
@MarketingIntegrationTest
class InventoryResilienceIntegrationTests {

	private static final AtomicLong SKUS = new AtomicLong(70_000);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	InventoryStub inventory;

	@Autowired
	LocalTokens tokens;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	CircuitBreakerRegistry breakers;

	@LocalServerPort
	int port;

	@BeforeEach
	@AfterEach
	void closeTheBreaker() {
		this.breakers.circuitBreaker(StockAllocations.CALL).reset();
	}

	@Test
	void opensTheBreakerAfterFiveFailedCallsThenAnswers503WithoutCallingInventory() throws Exception {
		String admin = this.tokens.admin("ops-breaker");
		double openFallbacks = metric("flashsale_calls_fallback_total", "call", "inventory", "reason", "open");
		this.inventory.stop();
		try {
			for (int i = 0; i < 5; i++) {
				assertUnavailable(create(body(skuWithStock(10), 5), admin, UUID.randomUUID().toString()));
			}
		}
		finally {
			this.inventory.restart();
		}
		assertThat(metric("resilience4j_circuitbreaker_state", "name", "inventory", "state", "open")).isEqualTo(1.0);

		long sku = skuWithStock(10);
		String key = UUID.randomUUID().toString();
		Map<String, Object> sale = body(sku, 5);
		assertUnavailable(create(sale, admin, key));
		assertThat(this.inventory.receivedForSku(sku)).as("no call while the breaker is open").isEmpty();
		assertThat(metric("flashsale_calls_fallback_total", "call", "inventory", "reason", "open"))
			.isEqualTo(openFallbacks + 1);
		long draft = this.jdbc.queryForObject("SELECT id FROM flash_sale WHERE idempotency_key = ?", Long.class, key);
		assertThat(statusOf(draft)).isEqualTo("DRAFT");

		this.breakers.circuitBreaker(StockAllocations.CALL).transitionToClosedState();
		assertThat(metric("resilience4j_circuitbreaker_state", "name", "inventory", "state", "closed")).isEqualTo(1.0);
		ResponseEntity<String> retried = create(sale, admin, key);
		assertThat(retried.getStatusCode().value()).isEqualTo(201);
		assertThat(JSON.readTree(retried.getBody()).path("id").asLong()).isEqualTo(draft);
		assertThat(this.inventory.stockOf(sku)).isEqualTo(5);
	}

	@Test
	void givesUpOnASlowInventoryAtTheTimeLimitAndCompletesTheSaleWhenTheKeyIsRepeated() throws Exception {
		String admin = this.tokens.admin("ops-time-limit");
		double timeouts = metric("resilience4j_timelimiter_calls_total", "name", "inventory", "kind", "timeout");
		long sku = skuWithStock(10);
		String key = UUID.randomUUID().toString();
		Map<String, Object> sale = body(sku, 4);
		this.inventory.slowOnce(sku);

		assertUnavailable(create(sale, admin, key));

		assertThat(metric("resilience4j_timelimiter_calls_total", "name", "inventory", "kind", "timeout"))
			.isEqualTo(timeouts + 1);
		ResponseEntity<String> retried = create(sale, admin, key);
		assertThat(retried.getStatusCode().value()).isEqualTo(201);
		// The slow call still allocated at the stub; the repeat took nothing more.
		assertThat(this.inventory.stockOf(sku)).isEqualTo(6);
	}

	/**
	 * 5 sales created at once for a SKU whose allocations inventory holds: 2 calls enter
	 * the bulkhead (2) and wait, 3 are refused at once without reaching inventory; once
	 * released the 2 complete.
	 */
	@Test
	void refusesCallsBeyondTheBulkheadWithoutCallingInventory() throws Exception {
		String admin = this.tokens.admin("ops-bulkhead");
		double full = metric("flashsale_calls_fallback_total", "call", "inventory", "reason", "full");
		long sku = skuWithStock(100);
		this.inventory.hold(sku);
		List<ResponseEntity<String>> answers = new ArrayList<>();
		try (ExecutorService admins = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<ResponseEntity<String>>> calls = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				String key = UUID.randomUUID().toString();
				calls.add(admins.submit(() -> create(body(sku, 10), admin, key)));
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
			while ((calls.stream().filter(Future::isDone).count() < 3 || this.inventory.waiting() < 2)
					&& System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(this.inventory.waiting()).isEqualTo(2);
			assertThat(metric("resilience4j_bulkhead_available_concurrent_calls", "name", "inventory")).isZero();
			this.inventory.release(sku);
			for (Future<ResponseEntity<String>> call : calls) {
				answers.add(call.get(30, TimeUnit.SECONDS));
			}
		}
		finally {
			this.inventory.release(sku);
		}

		assertThat(answers.stream().filter((answer) -> answer.getStatusCode().value() == 201)).hasSize(2);
		assertThat(answers.stream().filter((answer) -> answer.getStatusCode().value() == 503)).hasSize(3)
			.allSatisfy(this::assertUnavailable);
		assertThat(this.inventory.receivedForSku(sku)).hasSize(2);
		assertThat(this.inventory.stockOf(sku)).isEqualTo(80);
		assertThat(metric("flashsale_calls_fallback_total", "call", "inventory", "reason", "full")).isEqualTo(full + 3);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM flash_sale WHERE sku_id = ? AND status = 'DRAFT'",
				Integer.class, sku))
			.isEqualTo(3);
		assertThat(this.breakers.circuitBreaker(StockAllocations.CALL).getMetrics().getNumberOfFailedCalls()).isZero();
	}

	private void assertUnavailable(ResponseEntity<String> response) {
		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(503);
		JsonNode problem = JSON.readTree(response.getBody());
		assertThat(problem.path("code").asString()).isEqualTo("inventory-unavailable");
	}

	/**
	 * A sample from {@code /actuator/prometheus} (as an admin): the value of the series
	 * with these labels, 0 when it is absent.
	 */
	private double metric(String name, String... labels) {
		String body = http().get()
			.uri("/actuator/prometheus")
			.headers((headers) -> headers.setBearerAuth(this.tokens.admin("ops-metrics")))
			.retrieve()
			.body(String.class);
		Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "\\{(.*)\\} (\\S+)$", Pattern.MULTILINE);
		Matcher matcher = sample.matcher(body);
		while (matcher.find()) {
			boolean matches = true;
			for (int i = 0; i < labels.length; i += 2) {
				matches &= matcher.group(1).contains(labels[i] + "=\"" + labels[i + 1] + "\"");
			}
			if (matches) {
				return Double.parseDouble(matcher.group(2));
			}
		}
		return 0;
	}

	private long skuWithStock(int units) {
		long sku = SKUS.incrementAndGet();
		this.inventory.stock(sku, units);
		return sku;
	}

	private String statusOf(long id) {
		return this.jdbc.queryForObject("SELECT status FROM flash_sale WHERE id = ?", String.class, id);
	}

	private static Map<String, Object> body(long sku, int stock) {
		Instant startsAt = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("skuId", sku);
		body.put("title", "Flash sale of SKU " + sku);
		body.put("priceCents", 1999);
		body.put("stock", stock);
		body.put("perUserLimit", 1);
		body.put("startsAt", startsAt.toString());
		body.put("endsAt", startsAt.plus(1, ChronoUnit.HOURS).toString());
		body.put("payTimeoutSeconds", 900);
		return body;
	}

	private ResponseEntity<String> create(Map<String, Object> body, String token, String idempotencyKey)
			throws Exception {
		return http().post()
			.uri("/api/admin/flash-sales")
			.contentType(MediaType.APPLICATION_JSON)
			.headers((headers) -> {
				headers.setBearerAuth(token);
				headers.set("Idempotency-Key", idempotencyKey);
			})
			.body(JSON.writeValueAsString(body))
			.retrieve()
			.toEntity(String.class);
	}

	/**
	 * On the JDK client: Apache HttpClient would repeat a POST answered 503 by itself.
	 */
	private RestClient http() {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

}
