package io.flashsale.order;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.flashsale.order.cancellation.PayDeadlines;
import io.flashsale.platform.degrade.Switch;
import io.flashsale.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The degrade switches in order-service on real servers. A switch is flipped the way a
 * refresh does it: a property source of highest precedence and an
 * {@link EnvironmentChangeEvent}; it is removed again after each test.
 */
@IntegrationTest
class DegradeSwitchesIntegrationTests {

	private static final AtomicLong SALE_IDS = new AtomicLong(
			ThreadLocalRandom.current().nextLong(2_000_001, 3_000_000) * 1000);

	private static final String SWITCHES = "test-switches";

	private final TestService service;

	@Autowired
	PayDeadlines deadlines;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ConfigurableEnvironment environment;

	@Autowired
	ApplicationEventPublisher publisher;

	DegradeSwitchesIntegrationTests(@Autowired ApplicationContext context) {
		this.service = new TestService(context);
	}

	@AfterEach
	void switchesBackToDefaults() {
		if (this.environment.getPropertySources().remove(SWITCHES) != null) {
			this.publisher.publishEvent(new EnvironmentChangeEvent(
					Set.of(Switch.SHED.key(), Switch.SALE_KILL.key(), Switch.PASSIVE_CANCEL.key())));
		}
	}

	/** 30 buyers of a sale with 10 units while the kill switch is on; then it is off. */
	@Test
	void killSwitchAnswersSalePausedAndReservesNothing() throws Exception {
		long sale = schedule(10, 900);
		flip(Map.of(Switch.SALE_KILL.key(), "true"));
		for (int i = 0; i < 30; i++) {
			Response refused = purchase("killed-" + sale + "-" + i, sale);
			assertThat(refused.status()).isEqualTo(503);
			assertThat(refused.body()).contains("\"code\":\"sale-paused\"");
		}
		assertThat(this.service.counters().remaining(sale)).isEqualTo(10);
		assertThat(this.service.counters().snapshot(sale).held()).isZero();
		assertThat(this.meters.counter("flashsale.purchases", "outcome", "sale-killed").count())
			.isGreaterThanOrEqualTo(30);

		flip(Map.of(Switch.SALE_KILL.key(), "false"));
		assertThat(purchase("killed-" + sale + "-0", sale).status()).isEqualTo(202);
		assertThat(this.service.counters().remaining(sale)).isEqualTo(9);
		assertThat(this.service.counters().snapshot(sale).held()).isEqualTo(1);
	}

	@Test
	void shedsNonCoreThenImportantWhileCoreKeepsWorking() throws Exception {
		long sale = schedule(10, 900);
		String admin = this.service.tokens().admin("ops");
		String buyer = "shed-" + sale;
		assertThat(send(get(admin, "/api/admin/reconciliation/" + sale)).status()).isEqualTo(200);

		flip(Map.of(Switch.SHED.key(), "non-core"));
		Response report = send(get(admin, "/api/admin/reconciliation/" + sale));
		assertThat(report.status()).isEqualTo(503);
		assertThat(report.body()).contains("\"code\":\"degraded\"");
		assertThat(report.retryAfter()).isEqualTo("30");
		Response bought = purchase(buyer, sale);
		assertThat(bought.status()).isEqualTo(202);
		String orderId = bought.location().substring("/api/orders/".length());
		assertThat(send(get(this.service.tokens().user(buyer), bought.location())).status()).isIn(200, 202);
		assertThat(send(get(this.service.tokens().user(buyer), "/api/orders")).status()).isEqualTo(200);
		assertThat(send(get(this.service.tokens().user(buyer), "/api/orders/flash-sales/" + sale)).status())
			.isEqualTo(200);

		flip(Map.of(Switch.SHED.key(), "important"));
		Response list = send(get(this.service.tokens().user(buyer), "/api/orders"));
		assertThat(list.status()).isEqualTo(503);
		assertThat(list.body()).contains("\"code\":\"degraded\"");
		Response info = send(get(this.service.tokens().user(buyer), "/api/orders/flash-sales/" + sale));
		assertThat(info.status()).isEqualTo(200);
		assertThat(info.body()).contains("\"flashSaleId\":" + sale);
		assertThat(send(get(admin, "/api/admin/reconciliation/" + sale)).status()).isEqualTo(503);
		assertThat(purchase(buyer + "-2", sale).status()).isEqualTo(202);
		assertThat(send(get(this.service.tokens().user(buyer), "/api/orders/" + orderId)).status()).isIn(200, 202);
		assertThat(this.service.counters().remaining(sale)).isEqualTo(8);
		assertThat(this.meters
			.counter("flashsale.degrade.shed", "grade", "non-core", "endpoint", "ReconciliationController.reconcile")
			.count()).isGreaterThanOrEqualTo(2);
		assertThat(
				this.meters.counter("flashsale.degrade.shed", "grade", "important", "endpoint", "OrdersController.list")
					.count())
			.isGreaterThanOrEqualTo(1);

		flip(Map.of(Switch.SHED.key(), "none"));
		assertThat(send(get(admin, "/api/admin/reconciliation/" + sale)).status()).isEqualTo(200);
		assertThat(send(get(this.service.tokens().user(buyer), "/api/orders")).status()).isEqualTo(200);
	}

	/**
	 * One order past its 2 s deadline that the queue lost: read with passive cancel off
	 * it stays unpaid; read with it on it is cancelled.
	 */
	@Test
	void passiveCancelFollowsItsSwitch() throws Exception {
		long sale = schedule(10, 2);
		String buyers = "passive-" + sale;
		List<String> ids = this.service.testOrders().place(sale, buyers, 1, 2);
		TestSales.await(() -> count(sale, "PENDING_PAYMENT") == 1, "the order is written");
		ids.forEach(this.deadlines::remove);
		Instant deadline = this.service.jdbc()
			.queryForObject("SELECT pay_deadline FROM orders WHERE id = ?", java.sql.Timestamp.class, ids.get(0))
			.toInstant();
		TestSales.await(() -> Instant.now().isAfter(deadline.plusMillis(100)), "the deadline passed");

		flip(Map.of(Switch.PASSIVE_CANCEL.key(), "false"));
		Response unpaid = send(get(this.service.tokens().user(buyers + "-0"), "/api/orders/" + ids.get(0)));
		assertThat(unpaid.body()).contains("\"status\":\"PENDING_PAYMENT\"");
		assertThat(count(sale, "PENDING_PAYMENT")).isEqualTo(1);

		flip(Map.of(Switch.PASSIVE_CANCEL.key(), "true"));
		Response cancelled = send(get(this.service.tokens().user(buyers + "-0"), "/api/orders/" + ids.get(0)));
		assertThat(cancelled.body()).contains("\"status\":\"CANCELLED\"", "\"cancelReason\":\"expired\"");
		assertThat(count(sale, "CANCELLED")).isEqualTo(1);
	}

	private void flip(Map<String, Object> values) {
		this.environment.getPropertySources().remove(SWITCHES);
		this.environment.getPropertySources().addFirst(new MapPropertySource(SWITCHES, values));
		this.publisher.publishEvent(new EnvironmentChangeEvent(values.keySet()));
	}

	private long schedule(int stock, long payTimeoutSeconds) throws Exception {
		long sale = SALE_IDS.incrementAndGet();
		this.service.testSales()
			.schedule(sale, stock, 2, Instant.now().minusSeconds(3600), Instant.now().plusSeconds(3600),
					payTimeoutSeconds);
		return sale;
	}

	private long count(long sale, String status) {
		Long count = this.service.jdbc()
			.queryForObject("SELECT COUNT(*) FROM orders WHERE flash_sale_id = ? AND status = ?", Long.class, sale,
					status);
		return (count != null) ? count : 0;
	}

	private Response purchase(String user, long sale) throws Exception {
		return response(this.service.purchase(user, "{\"flashSaleId\":" + sale + ",\"quantity\":1}"));
	}

	private HttpRequest get(String token, String path) {
		return this.service.get(token, path);
	}

	private Response send(HttpRequest request) throws Exception {
		return response(this.service.send(request));
	}

	private static Response response(HttpResponse<String> response) {
		return new Response(response.statusCode(), response.body(),
				response.headers().firstValue("Location").orElse(null),
				response.headers().firstValue("Retry-After").orElse(null));
	}

	record Response(int status, String body, String location, String retryAfter) {

	}

}
