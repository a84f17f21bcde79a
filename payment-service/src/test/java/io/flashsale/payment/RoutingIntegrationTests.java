package io.flashsale.payment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing by weight and health: a wallet that goes down costs shoppers nothing, and once
 * its breaker opens it is no longer even tried.
 */
@PaymentIntegrationTest
class RoutingIntegrationTests extends PaymentTestSupport {

	@Test
	void routesToBothWalletsWhileBothAreHealthy() {
		List<String> channels = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			String user = shopper();
			channels.add(pay(user, this.orders.order(user, 100 + i), null).path("channel").asString());
		}
		// Weights 1:1; the chance that 30 draws all land on one wallet is 2 in a billion.
		assertThat(channels).contains("sandpay", "quickwallet");
	}

	/**
	 * sandpay's merchant API answers 503. Payments routed to it fail over to quickwallet
	 * until its breaker (window 10, at least 4 calls, 50%) opens; the stuck-payment
	 * sweep's failing queries count too. After that 20 new payments all go to quickwallet
	 * without one more call to sandpay, and a shopper who insists on sandpay gets 503.
	 */
	@Test
	void downWalletIsTakenOutOfRoutingOnceItsBreakerOpens() {
		behave("sandpay", Map.of("failOpen", true));
		CircuitBreaker sandpay = this.breakers.circuitBreaker("sandpay");
		int failedBefore = failedSandpayOpens();
		int created = 0;
		while (sandpay.getState() != CircuitBreaker.State.OPEN && created < 100) {
			String user = shopper();
			JsonNode payment = pay(user, this.orders.order(user, 1_000), null);
			assertThat(payment.path("channel").asString()).isEqualTo("quickwallet");
			assertThat(payment.path("status").asString()).isEqualTo("PAYING");
			created++;
		}
		assertThat(sandpay.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		Gauge open = this.meters.find("resilience4j.circuitbreaker.state")
			.tags("name", "sandpay", "state", "open")
			.gauge();
		assertThat(open).isNotNull();
		assertThat(open.value()).isEqualTo(1.0);
		int failedOpens = failedSandpayOpens();
		System.out.printf("sandpay breaker OPEN after %d payments (all to quickwallet), %d failed opens at sandpay%n",
				created, failedOpens - failedBefore);

		List<String> routed = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			String user = shopper();
			routed.add(pay(user, this.orders.order(user, 2_000 + i), null).path("channel").asString());
		}
		assertThat(routed).hasSize(20).containsOnly("quickwallet");
		assertThat(failedSandpayOpens()).isEqualTo(failedOpens);

		String user = shopper();
		String orderId = this.orders.order(user, 3_000);
		JsonNode refused = call(HttpMethod.POST, "/api/payments", this.tokens.user(user),
				Map.of("orderId", orderId, "channel", "sandpay"))
			.getBody();
		assertThat(refused.path("status").asInt()).isEqualTo(503);
		assertThat(refused.path("code").asString()).isEqualTo("channel-unavailable");
	}

	/**
	 * order-service answers 503: 4 payment requests get 503 and open its breaker (window
	 * 10, at least 4 calls, 50%); the next 5 get 503 without a call to order-service.
	 */
	@Test
	void orderServiceDownOpensItsBreakerAndAnswers503AtOnce() {
		String user = shopper();
		String token = this.tokens.user(user);
		String orderId = this.orders.order(user, 1_000);
		this.orders.down(true);
		for (int i = 0; i < 4; i++) {
			assertThat(call(HttpMethod.POST, "/api/payments", token, Map.of("orderId", orderId)).getBody()
				.path("code")
				.asString()).isEqualTo("order-service-unavailable");
		}
		assertThat(this.breakers.circuitBreaker("order-service").getState()).isEqualTo(CircuitBreaker.State.OPEN);
		int calls = this.orders.authorizations().size();
		for (int i = 0; i < 5; i++) {
			assertThat(
					call(HttpMethod.POST, "/api/payments", token, Map.of("orderId", orderId)).getStatusCode().value())
				.isEqualTo(503);
		}
		assertThat(this.orders.authorizations()).hasSize(calls);
		assertThat(paymentsOfOrder(orderId)).isZero();
	}

	private int failedSandpayOpens() {
		return this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM payments WHERE channel = 'sandpay' AND failure_reason = 'channel-unavailable'",
				Integer.class);
	}

}
