package io.flashsale.order;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

import io.flashsale.order.catalog.FlashSales;
import io.flashsale.platform.messaging.EventJson;
import io.flashsale.platform.persistence.SlowSqlGuard;
import io.flashsale.platform.persistence.SqlRefused;
import io.flashsale.platform.security.LocalTokens;
import io.flashsale.stock.StockCounters;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

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

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Map<String, Object> switches = new ConcurrentHashMap<>();

	@LocalServerPort
	int port;

	@Autowired
	ConfigurableEnvironment environment;

	@Autowired
	SlowStatements statements;

	@Autowired
	LocalTokens tokens;

	@Autowired
	KafkaTemplate<String, String> kafka;

	@Autowired
	EventJson events;

	@Autowired
	StockCounters counters;

	@Autowired
	FlashSales sales;

	@Autowired
	JdbcTemplate jdbc;

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
		new TestSales(this.kafka, this.events, this.counters, this.sales).schedule(sale, 10, 1,
				Instant.now().minusSeconds(3600), Instant.now().plusSeconds(3600));
		String buyer = "guarded-" + sale;
		List<String> ids = new TestOrders(this.counters, this.kafka, this.events).place(sale, buyer, 2, 900);
		TestSales.await(() -> this.jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE flash_sale_id = ?",
				Integer.class, sale) == 2, "2 orders written");
		String shopper = this.tokens.user(buyer + "-0");
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
		HttpResponse<String> cancelled = send(HttpRequest.newBuilder(uri("/api/orders/" + ids.get(0) + "/cancel"))
			.header("Authorization", "Bearer " + shopper)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
		assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
		assertThat(this.jdbc.queryForObject("SELECT status FROM orders WHERE id = ?", String.class, ids.get(0)))
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
		String page = get("/actuator/prometheus", this.tokens.admin("ops")).body();
		return Prometheus.sample(page, "flashsale_sql_refused_total", "reason", reason, "statement", statement);
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET().build());
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
