package io.flashsale.order.reconciliation;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.order.TestSales;
import io.flashsale.order.TestService;
import io.flashsale.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconciler's meters on a running order-service against real Redis, Kafka and
 * MariaDB: a watched sale's stock left is the figure the reconciliation report gives, and
 * a sale long over leaves no gauge behind.
 */
@IntegrationTest
class ReconcilerIntegrationTests {

	private static final AtomicLong SALE_IDS = new AtomicLong(
			ThreadLocalRandom.current().nextLong(1_000, 1_000_000) * 1000 + 700);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final TestService service;

	@Autowired
	Reconciler reconciler;

	@Autowired
	MeterRegistry meters;

	ReconcilerIntegrationTests(@Autowired ApplicationContext context) {
		this.service = new TestService(context);
	}

	/** 10 units, 3 orders of one unit: stock left 7 on the screen and in the report. */
	@Test
	void exportsTheStockLeftTheReportGives() throws Exception {
		long sale = SALE_IDS.incrementAndGet();
		this.service.testSales()
			.schedule(sale, 10, 1, Instant.now().minusSeconds(3600), Instant.now().plusSeconds(3600));
		this.service.testOrders().place(sale, "gauge-" + sale, 3, 900);
		TestSales.await(
				() -> this.service.jdbc()
					.queryForObject("SELECT COUNT(*) FROM orders WHERE flash_sale_id = ?", Long.class, sale) == 3,
				"3 orders written");

		this.reconciler.reconcile();

		JsonNode report = report(sale);
		assertThat(report.path("redisRemaining").asLong()).isEqualTo(7);
		assertThat(gauge("flashsale.sale.stock.remaining", sale)).as("stock left on the screen")
			.isEqualTo(report.path("redisRemaining").asDouble());
		assertThat(gauge("flashsale.reconciliation.violations", sale)).as("3 orders, each with its reservation")
			.isZero();
	}

	/** Ended two days ago with a 15-minute pay timeout: past the watch, no gauges. */
	@Test
	void leavesNoGaugeBehindForASaleLongOver() throws Exception {
		long sale = SALE_IDS.incrementAndGet();
		Instant ended = Instant.now().minusSeconds(2 * 86_400);
		this.service.testSales().schedule(sale, 10, 1, ended.minusSeconds(3600), ended);

		this.reconciler.reconcile();

		assertThat(this.meters.find("flashsale.sale.stock.remaining").tag("flash_sale", String.valueOf(sale)).gauge())
			.isNull();
		assertThat(
				this.meters.find("flashsale.reconciliation.violations").tag("flash_sale", String.valueOf(sale)).gauge())
			.isNull();
	}

	private double gauge(String name, long sale) {
		return this.meters.get(name).tag("flash_sale", String.valueOf(sale)).gauge().value();
	}

	private JsonNode report(long sale) throws Exception {
		HttpResponse<String> response = this.service
			.send(this.service.get(this.service.tokens().admin("ops"), "/api/admin/reconciliation/" + sale));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

}
