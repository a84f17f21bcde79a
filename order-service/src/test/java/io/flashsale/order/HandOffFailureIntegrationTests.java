package io.flashsale.order;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import io.flashsale.stock.Reservation;
import io.flashsale.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
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

	private final TestService service;

	@Autowired
	MeterRegistry meters;

	HandOffFailureIntegrationTests(@Autowired ApplicationContext context) {
		this.service = new TestService(context);
	}

	@Test
	void releasesTheReservationWhenTheHandOffIsNotAcknowledgedAndWritesNoOrder() throws Exception {
		long sale = ThreadLocalRandom.current().nextLong(2_000_000_000L, 3_000_000_000L);
		Instant start = Instant.now().minusSeconds(60);
		Instant end = Instant.now().plusSeconds(3600);
		this.service.testSales().schedule(sale, 3, 1, start, end);
		double skippedBefore = skipped();

		HttpResponse<String> response = purchase("unlucky", sale);

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).contains("\"code\":\"order-not-accepted\"");
		assertThat(this.service.counters().remaining(sale)).as("units back before the answer").isEqualTo(3);
		assertThat(this.service.counters().snapshot(sale).reservations()).extracting(Reservation::state)
			.containsExactly(Reservation.State.RELEASED);
		// The record most likely went out anyway; the writer must refuse it.
		TestSales.await(() -> skipped() > skippedBefore, "the writer refused the released reservation");
		assertThat(ordersOf(sale)).isZero();
		assertThat(this.service.counters().remaining(sale)).isEqualTo(3);
	}

	/**
	 * The writer's claim forced in before the send's outcome is known (the interceptor
	 * confirms the reservation as the record is handed over): the release finds it
	 * CONFIRMED, so the shopper gets 202 and the order, not "nothing was reserved".
	 */
	@Test
	void answers202WhenTheWriterClaimedTheReservationBeforeTheHandOffGaveUp() throws Exception {
		long sale = ThreadLocalRandom.current().nextLong(3_000_000_000L, 4_000_000_000L);
		this.service.testSales().schedule(sale, 3, 1, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
		ClaimOnSend.onSend((key) -> {
			if (key.startsWith(sale + "-")) {
				this.service.counters().confirm(sale, key);
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
		assertThat(this.service.counters().remaining(sale)).as("the unit stays with the order").isEqualTo(2);
		TestSales.await(() -> ordersOf(sale) == 1, "the order written");
	}

	private HttpResponse<String> purchase(String user, long sale) throws Exception {
		return this.service.purchase(user, "{\"flashSaleId\":" + sale + ",\"quantity\":1}");
	}

	private long ordersOf(long sale) {
		Long count = this.service.jdbc()
			.queryForObject("SELECT COUNT(*) FROM orders WHERE flash_sale_id = ?", Long.class, sale);
		return (count != null) ? count : 0;
	}

	private double skipped() {
		var counter = this.meters.find("flashsale.orders.skipped").tag("reason", "reservation-released").counter();
		return (counter != null) ? counter.count() : 0;
	}

}
