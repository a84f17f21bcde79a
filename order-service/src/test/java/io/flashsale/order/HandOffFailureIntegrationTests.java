package io.flashsale.order;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.MeterRegistry;
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
 * The hand-off whose outcome is unknown: with a zero send timeout the purchase cannot
 * wait for Kafka's acknowledgement, so it must release the reservation and answer 503.
 * The record usually reaches the broker anyway; the writer then finds the reservation
 * released and writes no order. Real Redis, Kafka and MariaDB; a separate context for the
 * timeout. When the writer claimed the reservation before the purchase gave up on the
 * send, the record did reach Kafka and the order exists: the answer is its 202.
 */
@IntegrationTest
@TestPropertySource(properties = { "flashsale.order.send-timeout=0s",
		"spring.kafka.producer.properties.interceptor.classes=io.flashsale.order.ClaimOnSend" })
class HandOffFailureIntegrationTests {

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

	@Autowired
	MeterRegistry meters;

	@Test
	void releasesTheReservationWhenTheHandOffIsNotAcknowledgedAndWritesNoOrder() throws Exception {
		long sale = ThreadLocalRandom.current().nextLong(2_000_000_000L, 3_000_000_000L);
		Instant start = Instant.now().minusSeconds(60);
		Instant end = Instant.now().plusSeconds(3600);
		new TestSales(this.kafka, this.events, this.counters, this.sales).schedule(sale, 3, 1, start, end);
		double skippedBefore = skipped();

		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/orders"))
				.header("Authorization", "Bearer " + this.tokens.user("unlucky"))
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", UUID.randomUUID().toString())
				.POST(HttpRequest.BodyPublishers.ofString("{\"flashSaleId\":" + sale + ",\"quantity\":1}"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).contains("\"code\":\"order-not-accepted\"");
		assertThat(this.counters.remaining(sale)).as("units back before the answer").isEqualTo(3);
		assertThat(this.counters.snapshot(sale).reservations()).extracting(Reservation::state)
			.containsExactly(Reservation.State.RELEASED);
		// The record most likely went out anyway; the writer must refuse it.
		TestSales.await(() -> skipped() > skippedBefore, "the writer refused the released reservation");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE flash_sale_id = ?", Long.class, sale))
			.isZero();
		assertThat(this.counters.remaining(sale)).isEqualTo(3);
	}

	/**
	 * The writer's claim forced in before the send's outcome is known (the interceptor
	 * confirms the reservation as the record is handed over): the release finds it
	 * CONFIRMED, so the shopper gets 202 and the order, not "nothing was reserved".
	 */
	@Test
	void answers202WhenTheWriterClaimedTheReservationBeforeTheHandOffGaveUp() throws Exception {
		long sale = ThreadLocalRandom.current().nextLong(3_000_000_000L, 4_000_000_000L);
		new TestSales(this.kafka, this.events, this.counters, this.sales).schedule(sale, 3, 1,
				Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
		ClaimOnSend.onSend((key) -> {
			if (key.startsWith(sale + "-")) {
				this.counters.confirm(sale, key);
			}
		});
		try {
			HttpResponse<String> response = purchase("claimed", sale);
			assertThat(response.statusCode()).isEqualTo(202);
			assertThat(response.body()).contains("\"status\":\"PROCESSING\"");
		}
		finally {
			ClaimOnSend.reset();
		}
		assertThat(this.counters.remaining(sale)).as("the unit stays with the order").isEqualTo(2);
		TestSales.await(() -> this.jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE flash_sale_id = ?",
				Long.class, sale) == 1, "the order written");
	}

	private HttpResponse<String> purchase(String user, long sale) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/orders"))
				.header("Authorization", "Bearer " + this.tokens.user(user))
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", UUID.randomUUID().toString())
				.POST(HttpRequest.BodyPublishers.ofString("{\"flashSaleId\":" + sale + ",\"quantity\":1}"))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private double skipped() {
		var counter = this.meters.find("flashsale.orders.skipped").tag("reason", "reservation-released").counter();
		return (counter != null) ? counter.count() : 0;
	}

}
