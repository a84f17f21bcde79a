package io.flashsale.payment;

import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The sandbox wallets behave like real ones: repeats, retries, refusals. */
@PaymentIntegrationTest
class SandboxWalletIntegrationTests extends PaymentTestSupport {

	/**
	 * quickwallet delivers each acknowledged callback 3 more times, each signed afresh: 4
	 * deliveries arrive, all are acknowledged, and the payment moves once.
	 */
	@Test
	void duplicateDeliveriesAreAcknowledgedAndAppliedOnce() {
		behave("quickwallet", Map.of("duplicateDeliveries", 3));
		double before = callbacksReceived();
		String user = shopper();
		String orderId = this.orders.order(user, 6_100);
		JsonNode payment = pay(user, orderId, "quickwallet");
		String paymentId = payment.path("paymentId").asString();
		confirm("quickwallet", payment.path("channelTradeNo").asString(), "success");
		await().atMost(WAIT).untilAsserted(() -> assertThat(callbacksReceived() - before).isEqualTo(4.0));
		assertThat(status(paymentId)).isEqualTo("SUCCEEDED");
		assertThat(ledger(paymentId)).filteredOn((entry) -> entry.contains(">SUCCEEDED@")).hasSize(1);
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.events.of("PaymentSucceeded", paymentId)).hasSize(1));
	}

	/**
	 * A trade the merchant does not know (opened at the wallet directly): its callback is
	 * refused, so the wallet keeps retrying with backoff instead of giving up at once.
	 */
	@Test
	void unacknowledgedCallbackIsRetried() {
		ResponseEntity<JsonNode> opened = call(HttpMethod.POST, "/sandbox/sandpay/trades", null, Map.of("merchantRef",
				"stranger-" + UUID.randomUUID().toString().substring(0, 8), "orderId", "1-x", "amountCents", 100));
		assertThat(opened.getStatusCode().value()).isEqualTo(201);
		String tradeNo = opened.getBody().path("tradeNo").asString();
		confirm("sandpay", tradeNo, "success");
		await().atMost(WAIT).untilAsserted(() -> {
			JsonNode notification = call(HttpMethod.GET, "/sandbox/sandpay/trades/" + tradeNo + "/notifications", null,
					null)
				.getBody()
				.get(0);
			assertThat(notification.path("status").asString()).isEqualTo("PENDING");
			assertThat(notification.path("attempts").asInt()).isGreaterThanOrEqualTo(3);
			assertThat(notification.path("lastError").asString()).isEqualTo("answered 404");
		});
	}

	@Test
	void walletRefusesBadMerchantCallsAndUnknownWallets() {
		assertThat(call(HttpMethod.POST, "/sandbox/sandpay/trades", null, Map.of("merchantRef", "x")).getStatusCode()
			.value()).isEqualTo(400);
		assertThat(
				call(HttpMethod.GET, "/sandbox/sandpay/trades/SP-NOPE", null, null).getBody().path("code").asString())
			.isEqualTo("trade-not-found");
		assertThat(call(HttpMethod.GET, "/sandbox/paypal/behaviour", null, null).getStatusCode().value())
			.isEqualTo(404);
		assertThat(
				call(HttpMethod.PUT, "/sandbox/sandpay/behaviour", null, Map.of("failRate", 2)).getStatusCode().value())
			.isEqualTo(400);
		behave("sandpay", Map.of("failOpen", true));
		assertThat(call(HttpMethod.POST, "/sandbox/sandpay/trades", null, Map.of("merchantRef",
				"m-" + UUID.randomUUID().toString().substring(0, 8), "orderId", "1-x", "amountCents", 100))
			.getBody()
			.path("code")
			.asString()).isEqualTo("channel-down");
	}

	private double callbacksReceived() {
		Timer timer = this.meters.find("http.server.requests")
			.tags("uri", "/api/payments/callbacks/{channel}", "status", "200")
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

}
