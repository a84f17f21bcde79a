package io.flashsale.order;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.flashsale.order.catalog.FlashSales;
import io.flashsale.platform.messaging.EventJson;
import io.flashsale.platform.security.LocalTokens;
import io.flashsale.stock.Reservation;
import io.flashsale.stock.StockCounters;
import io.flashsale.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis durability knob: with {@code redis-replicas=1} a purchase is acknowledged
 * only once its reservation reached one replica ({@code WAIT}). The dev stack's Redis has
 * no replica, so every purchase must be refused with nothing reserved, which shows the
 * wait runs and a short count is never acknowledged.
 */
@IntegrationTest
@TestPropertySource(properties = { "flashsale.order.redis-replicas=1", "flashsale.order.redis-replica-wait=50ms" })
class RedisReplicasIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	LocalTokens tokens;

	@Autowired
	KafkaTemplate<String, String> kafka;

	@Autowired
	EventJson events;

	@Autowired
	FlashSales sales;

	@Autowired
	StockCounters counters;

	@Autowired
	JdbcTemplate jdbc;

	/** 5 purchases of a 5-unit sale, no replica: 5 × 503, 5 units left, no order. */
	@Test
	void refusesAPurchaseWhoseReservationReachedFewerReplicasThanRequired() throws Exception {
		long sale = ThreadLocalRandom.current().nextLong(4_000_000_000L, 5_000_000_000L);
		new TestSales(this.kafka, this.events, this.counters, this.sales).schedule(sale, 5, 1,
				Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
		HttpClient http = HttpClient.newHttpClient();
		for (int i = 0; i < 5; i++) {
			HttpResponse<String> response = http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/orders"))
					.header("Authorization", "Bearer " + this.tokens.user("unreplicated-" + i))
					.header("Content-Type", "application/json")
					.header("Idempotency-Key", UUID.randomUUID().toString())
					.POST(HttpRequest.BodyPublishers.ofString("{\"flashSaleId\":" + sale + ",\"quantity\":1}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.body()).contains("\"code\":\"order-not-accepted\"");
		}
		assertThat(this.counters.remaining(sale)).isEqualTo(5);
		assertThat(this.counters.snapshot(sale).reservations()).hasSize(5)
			.extracting(Reservation::state)
			.containsOnly(Reservation.State.RELEASED);
		Thread.sleep(2_000);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE flash_sale_id = ?", Long.class, sale))
			.isZero();
	}

}
