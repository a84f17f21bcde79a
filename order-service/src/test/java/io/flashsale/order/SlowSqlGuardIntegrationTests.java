package io.flashsale.order;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.platform.persistence.SlowSqlGuard;
import io.flashsale.platform.persistence.SqlRefused;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The slow-SQL guard on real MariaDB. The switches are changed in the running service's
 * {@link ConfigurableEnvironment} (where the config server's refresh puts them), and the
 * guard reads them on the next statement.
 */
@ResilienceIntegrationTest
class SlowSqlGuardIntegrationTests {

	private static final AtomicLong SALE_IDS = new AtomicLong(
			ThreadLocalRandom.current().nextLong(1_000, 1_000_000) * 1000 + 800);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, Object> switches = new ConcurrentHashMap<>();

	private final TestService service;

	@Autowired
	ConfigurableEnvironment environment;

	@Autowired
	SlowStatements statements;

	SlowSqlGuardIntegrationTests(@Autowired ApplicationContext context) {
		this.service = new TestService(context);
	}

	@BeforeEach
	void switchesAtRuntime() {
		this.environment.getPropertySources().addFirst(new MapPropertySource("test-switches", this.switches));
	}

	@AfterEach
	void removeSwitches() {
		this.environment.getPropertySources().remove("test-switches");
	}

	@Test
	void refusesTheNonCoreOrderListingWhileTheGuardIsOnAndKeepsCoreStatementsRunning() throws Exception {
		long sale = SALE_IDS.incrementAndGet();
		this.service.testSales()
			.schedule(sale, 10, 1, Instant.now().minusSeconds(3600), Instant.now().plusSeconds(3600));
		String buyer = "guarded-" + sale;
		List<String> ids = this.service.testOrders().place(sale, buyer, 2, 900);
		TestSales.await(
				() -> this.service.jdbc()
					.queryForObject("SELECT COUNT(*) FROM orders WHERE flash_sale_id = ?", Integer.class, sale) == 2,
				"2 orders written");
		String shopper = this.service.tokens().user(buyer + "-0");
		double refused = refusals("Orders.findByUser", "non-core");

		assertThat(get("/api/orders", shopper).statusCode()).as("guard off").isEqualTo(200);

		this.switches.put(SlowSqlGuard.SWITCH, "true");
		HttpResponse<String> listing = get("/api/orders", shopper);
		assertThat(listing.statusCode()).isEqualTo(503);
		JsonNode problem = JSON.readTree(listing.body());
		assertThat(problem.path("code").asString()).isEqualTo("degraded");
		assertThat(problem.path("type").asString()).isEqualTo("https://flashsale.dev/problems/degraded");
		assertThat(problem.path("detail").asString()).contains("Orders.findByUser", "non-core");
		assertThat(refusals("Orders.findByUser", "non-core")).isEqualTo(refused + 1);

		// Core statements run: reading an order, and a cancellation's locked read and
		// update.
		assertThat(get("/api/orders/" + ids.get(0), shopper).statusCode()).isEqualTo(200);
		HttpResponse<String> cancelled = this.service
			.send(this.service.post(shopper, "/api/orders/" + ids.get(0) + "/cancel"));
		assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
		assertThat(
				this.service.jdbc().queryForObject("SELECT status FROM orders WHERE id = ?", String.class, ids.get(0)))
			.isEqualTo("CANCELLED");

		this.switches.put(SlowSqlGuard.SWITCH, "false");
		assertThat(get("/api/orders", shopper).statusCode()).as("guard off again").isEqualTo(200);
	}

	@Test
	void refusesASlowReadOnceItsMeasuredTimeIsOverTheBudget() throws Exception {
		this.switches.put(SlowSqlGuard.SWITCH, "true");
		this.switches.put(SlowSqlGuard.BUDGET, "100");
		double refused = refusals("SlowStatements.sleep", "over-budget");

		assertThat(this.statements.sleep()).as("not measured yet: it runs").isZero();

		assertThatExceptionOfType(SqlRefused.class).isThrownBy(this.statements::sleep)
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(SlowSqlGuard.Reason.OVER_BUDGET))
			.withMessageContaining("SlowStatements.sleep")
			.withMessageContaining("100 ms budget");
		assertThat(refusals("SlowStatements.sleep", "over-budget")).isEqualTo(refused + 1);
		for (int i = 0; i < 3; i++) {
			assertThat(this.statements.quick()).as("a quick read still runs").isOne();
		}

		this.switches.put(SlowSqlGuard.SWITCH, "false");
		assertThat(this.statements.sleep()).as("guard off").isZero();
	}

	private double refusals(String statement, String reason) throws Exception {
		String page = get("/actuator/prometheus", this.service.tokens().admin("ops")).body();
		return Prometheus.sample(page, "flashsale_sql_refused_total", "reason", reason, "statement", statement);
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		return this.service.send(this.service.get(token, path));
	}

}
