package io.flashsale.order.reconciliation;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.order.Prometheus;
import io.flashsale.order.ResilienceIntegrationTest;
import io.flashsale.order.TestService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reconciliation's read of inventory's database stock on a running order-service, with
 * inventory-service played by {@link InventoryStockStub}. Settings in
 * {@link ResilienceIntegrationTest}: breaker window 5 at 100% failures, bulkhead 2, time
 * limit 3 s. Without an answer the report is still given, with the database stock unknown
 * and the reason among its violations.
 */
@ResilienceIntegrationTest
class InventoryStockIntegrationTests {

	private static final AtomicLong SALE_IDS = new AtomicLong(
			ThreadLocalRandom.current().nextLong(1_000, 1_000_000) * 1000 + 500);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final TestService service;

	@Autowired
	InventoryStockStub inventory;

	@Autowired
	CircuitBreakerRegistry breakers;

	InventoryStockIntegrationTests(@Autowired ApplicationContext context) {
		this.service = new TestService(context);
	}

	@BeforeEach
	@AfterEach
	void closeTheBreaker() {
		this.inventory.release();
		this.inventory.delay(0);
		this.breakers.circuitBreaker(InventoryStock.CALL).reset();
	}

	@Test
	void reportsTheDatabaseStockInventoryAnswers() throws Exception {
		long sale = sale(10);
		this.inventory.remaining(sale, 10);

		JsonNode report = reconcile(sale);

		assertThat(report.path("databaseRemaining").asLong()).isEqualTo(10);
		assertThat(report.path("consistent").asBoolean()).as(report.toString()).isTrue();
		assertThat(this.inventory.received()).contains(sale);
	}

	@Test
	void opensTheBreakerAfterFiveFailedReadsThenReportsWithoutCallingInventory() throws Exception {
		long sale = sale(10);
		this.inventory.remaining(sale, 10);
		this.inventory.stop();
		try {
			for (int i = 0; i < 5; i++) {
				JsonNode report = reconcile(sale);
				assertThat(report.path("databaseRemaining").isNull()).as(report.toString()).isTrue();
				assertThat(report.path("violations").toString()).contains("inventory failed");
			}
		}
		finally {
			this.inventory.restart();
		}
		assertThat(metric("resilience4j_circuitbreaker_state", "name", "inventory", "state", "open")).isEqualTo(1.0);
		int calls = this.inventory.received().size();

		JsonNode report = reconcile(sale);

		assertThat(report.path("databaseRemaining").isNull()).isTrue();
		assertThat(report.path("violations").toString()).contains("the circuit breaker of inventory is open");
		assertThat(this.inventory.received()).hasSize(calls);
	}

	@Test
	void givesUpOnASlowInventoryAtTheTimeLimit() throws Exception {
		long sale = sale(10);
		this.inventory.remaining(sale, 10);
		double timeouts = metric("resilience4j_timelimiter_calls_total", "name", "inventory", "kind", "timeout");
		this.inventory.delay(4_000);

		JsonNode report = reconcile(sale);

		assertThat(report.path("databaseRemaining").isNull()).isTrue();
		assertThat(report.path("violations").toString()).contains("inventory did not answer within its time limit");
		assertThat(metric("resilience4j_timelimiter_calls_total", "name", "inventory", "kind", "timeout"))
			.isEqualTo(timeouts + 1);
	}

	/**
	 * 5 reconciliations at once while inventory holds its answers: 2 enter the bulkhead
	 * (2) and wait, 3 are reported at once without calling inventory; once released the 2
	 * report the database stock.
	 */
	@Test
	void refusesReadsBeyondTheBulkheadWithoutCallingInventory() throws Exception {
		long sale = sale(10);
		this.inventory.remaining(sale, 10);
		int callsBefore = this.inventory.received().size();
		this.inventory.hold();
		List<JsonNode> reports = new ArrayList<>();
		try (ExecutorService admins = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<JsonNode>> calls = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				calls.add(admins.submit(() -> reconcile(sale)));
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
			while ((calls.stream().filter(Future::isDone).count() < 3 || this.inventory.waiting() < 2)
					&& System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(this.inventory.waiting()).isEqualTo(2);
			assertThat(calls.stream().filter(Future::isDone)).hasSize(3);
			this.inventory.release();
			for (Future<JsonNode> call : calls) {
				reports.add(call.get(30, TimeUnit.SECONDS));
			}
		}

		assertThat(reports).filteredOn((report) -> report.path("databaseRemaining").asLong(-1) == 10).hasSize(2);
		assertThat(reports)
			.filteredOn((report) -> report.path("violations").toString().contains("the bulkhead of inventory is full"))
			.hasSize(3);
		assertThat(this.inventory.received()).hasSize(callsBefore + 2);
	}

	private long sale(int stock) throws Exception {
		long sale = SALE_IDS.incrementAndGet();
		this.service.testSales()
			.schedule(sale, stock, 1, Instant.now().minusSeconds(3600), Instant.now().plusSeconds(3600));
		return sale;
	}

	private JsonNode reconcile(long sale) throws Exception {
		HttpResponse<String> response = this.service
			.send(this.service.get(this.service.tokens().admin("ops"), "/api/admin/reconciliation/" + sale));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private double metric(String name, String... labels) throws Exception {
		String page = this.service.send(this.service.get(this.service.tokens().admin("ops"), "/actuator/prometheus"))
			.body();
		return Prometheus.sample(page, name, labels);
	}

}
