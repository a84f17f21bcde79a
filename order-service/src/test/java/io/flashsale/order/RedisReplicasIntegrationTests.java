package io.flashsale.order;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.flashsale.stock.Reservation;
import io.flashsale.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
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

	private final TestService service;

	RedisReplicasIntegrationTests(@Autowired ApplicationContext context) {
		this.service = new TestService(context);
	}

	/** 5 purchases of a 5-unit sale, no replica: 5 × 503, 5 units left, no order. */
	@Test
	void refusesAPurchaseWhoseReservationReachedFewerReplicasThanRequired() throws Exception {
		long sale = ThreadLocalRandom.current().nextLong(4_000_000_000L, 5_000_000_000L);
		this.service.testSales().schedule(sale, 5, 1, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
		for (int i = 0; i < 5; i++) {
			HttpResponse<String> response = this.service.purchase("unreplicated-" + i,
					"{\"flashSaleId\":" + sale + ",\"quantity\":1}");
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.body()).contains("\"code\":\"order-not-accepted\"");
		}
		assertThat(this.service.counters().remaining(sale)).isEqualTo(5);
		assertThat(this.service.counters().snapshot(sale).reservations()).hasSize(5)
			.extracting(Reservation::state)
			.containsOnly(Reservation.State.RELEASED);
		Thread.sleep(2_000);
		assertThat(this.service.jdbc()
			.queryForObject("SELECT COUNT(*) FROM orders WHERE flash_sale_id = ?", Long.class, sale)).isZero();
	}

}
