package io.flashsale.payment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A shopper pays an order through a sandbox wallet, end to end inside the service:
 * create, confirm at the wallet, signed asynchronous callback, SUCCEEDED, one
 * {@code PaymentSucceeded} on Kafka. And what a shopper may not do.
 */
@PaymentIntegrationTest
class PaymentFlowIntegrationTests extends PaymentTestSupport {

	@Test
	void paysAnOrderThroughSandpayAndPublishesOnePaymentSucceeded() {
		String user = shopper();
		String orderId = this.orders.order(user, 4_990);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("orderId", orderId);
		body.put("channel", "sandpay");
		// Never trusted: the amount, payer and status come from order-service and the
		// channel.
		body.put("amountCents", 1);
		body.put("userId", "mallory");
		body.put("status", "SUCCEEDED");
		String token = this.tokens.user(user);
		ResponseEntity<JsonNode> created = call(HttpMethod.POST, "/api/payments", token, body);
		assertThat(created.getStatusCode().value()).isEqualTo(201);
		JsonNode payment = created.getBody();
		String paymentId = payment.path("paymentId").asString();
		assertThat(created.getHeaders().getLocation()).hasToString("/api/payments/" + paymentId);
		assertThat(payment.path("orderId").asString()).isEqualTo(orderId);
		assertThat(payment.path("channel").asString()).isEqualTo("sandpay");
		assertThat(payment.path("amountCents").asLong()).isEqualTo(4_990);
		assertThat(payment.path("status").asString()).isEqualTo("PAYING");
		assertThat(payment.path("channelTradeNo").asString()).startsWith("SP");
		assertThat(payment.path("payUrl").asString())
			.endsWith("/sandbox/sandpay/trades/" + payment.path("channelTradeNo").asString() + "/pay");
		assertThat(this.orders.authorizations()).contains("Bearer " + token);
		assertThat(this.jdbc.queryForObject("SELECT user_id FROM payments WHERE id = ?", String.class, paymentId))
			.isEqualTo(user);

		ResponseEntity<JsonNode> repeated = call(HttpMethod.POST, "/api/payments", token, body);
		assertThat(repeated.getStatusCode().value()).isEqualTo(200);
		assertThat(repeated.getBody().path("paymentId").asString()).isEqualTo(paymentId);
		assertThat(paymentsOfOrder(orderId)).isEqualTo(1);

		JsonNode trade = confirm("sandpay", payment.path("channelTradeNo").asString(), "success");
		assertThat(trade.path("status").asString()).isEqualTo("PAID");

		await().atMost(WAIT).untilAsserted(() -> {
			JsonNode read = call(HttpMethod.GET, "/api/payments/" + paymentId, token, null).getBody();
			assertThat(read.path("status").asString()).isEqualTo("SUCCEEDED");
		});
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.events.of("PaymentSucceeded", paymentId)).hasSize(1));
		PaymentEvents.Event event = this.events.of("PaymentSucceeded", paymentId).getFirst();
		assertThat(event.key()).isEqualTo(orderId);
		assertThat(event.payload().path("orderId").asString()).isEqualTo(orderId);
		assertThat(event.payload().path("userId").asString()).isEqualTo(user);
		assertThat(event.payload().path("channel").asString()).isEqualTo("sandpay");
		assertThat(event.payload().path("amountCents").asLong()).isEqualTo(4_990);
		// The wallet recorded its callback as acknowledged in sandpay's own format.
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(
							call(HttpMethod.GET,
									"/sandbox/sandpay/trades/" + payment.path("channelTradeNo").asString()
											+ "/notifications",
									null, null)
								.getBody()
								.get(0)
								.path("status")
								.asString())
						.isEqualTo("ACKED"));
		assertThat(ledger(paymentId)).containsExactly("->CREATED@api", "CREATED>PAYING@api",
				"PAYING>SUCCEEDED@callback");
		assertThat(this.events.of("PaymentSucceeded", paymentId)).hasSize(1);

		List<String> ofOrder = new ArrayList<>();
		for (JsonNode node : call(HttpMethod.GET, "/api/payments?orderId=" + orderId, token, null).getBody()) {
			ofOrder.add(node.path("paymentId").asString());
		}
		assertThat(ofOrder).containsExactly(paymentId);
	}

	/**
	 * 10 identical requests to pay one order at one channel, at once: 1 answered 201, 9
	 * answered 200 with the same payment, 1 row and 1 trade at the wallet.
	 */
	@Test
	void tenConcurrentRequestsToPayOneOrderOpenOnePayment() throws Exception {
		String user = shopper();
		String orderId = this.orders.order(user, 2_500);
		String token = this.tokens.user(user);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<ResponseEntity<JsonNode>>> requests = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
			for (int i = 0; i < 10; i++) {
				requests.add(pool.submit(() -> {
					start.await();
					return call(HttpMethod.POST, "/api/payments", token,
							Map.of("orderId", orderId, "channel", "quickwallet"));
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			Set<String> ids = new HashSet<>();
			for (Future<ResponseEntity<JsonNode>> request : requests) {
				statuses.add(request.get().getStatusCode().value());
				ids.add(request.get().getBody().path("paymentId").asString());
			}
			assertThat(statuses).filteredOn((status) -> status == 201).hasSize(1);
			assertThat(statuses).filteredOn((status) -> status == 200).hasSize(9);
			assertThat(ids).hasSize(1);
		}
		assertThat(paymentsOfOrder(orderId)).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sandbox_trades WHERE order_id = ?", Integer.class,
				orderId))
			.isEqualTo(1);
	}

	@Test
	void failedPaymentAtTheWalletIsRecordedFailedWithoutAnEvent() {
		String user = shopper();
		String orderId = this.orders.order(user, 1_200);
		JsonNode payment = pay(user, orderId, "quickwallet");
		String paymentId = payment.path("paymentId").asString();
		assertThat(payment.path("channelTradeNo").asString()).startsWith("QW");
		confirm("quickwallet", payment.path("channelTradeNo").asString(), "fail");
		awaitStatus(paymentId, "FAILED");
		assertThat(ledger(paymentId)).containsExactly("->CREATED@api", "CREATED>PAYING@api", "PAYING>FAILED@callback");
		// A failed payment frees the order: a new one may be opened at the same channel.
		JsonNode again = pay(user, orderId, "quickwallet");
		assertThat(again.path("paymentId").asString()).isNotEqualTo(paymentId);
	}

	@Test
	void anotherShoppersPaymentAndOrderAreNotFound() {
		String owner = shopper();
		String orderId = this.orders.order(owner, 3_000);
		String paymentId = pay(owner, orderId, "sandpay").path("paymentId").asString();
		String thief = this.tokens.user(shopper());

		assertProblem(call(HttpMethod.GET, "/api/payments/" + paymentId, thief, null), 404, "payment-not-found");
		assertProblem(call(HttpMethod.GET, "/api/payments?orderId=" + orderId, thief, null), 404, "payment-not-found");
		assertProblem(call(HttpMethod.POST, "/api/payments", thief, Map.of("orderId", orderId)), 404,
				"order-not-found");
		assertProblem(call(HttpMethod.GET, "/api/payments/pay-unknown", thief, null), 404, "payment-not-found");
		assertThat(paymentsOfOrder(orderId)).isEqualTo(1);
		assertThat(call(HttpMethod.GET, "/api/payments/" + paymentId, null, null).getStatusCode().value())
			.isEqualTo(401);
	}

	@Test
	void badRequestsAreRefusedAndWriteNothing() {
		String user = shopper();
		String token = this.tokens.user(user);
		String orderId = this.orders.order(user, 2_000);

		assertProblem(call(HttpMethod.POST, "/api/payments", token, Map.of()), 400, "invalid-request");
		assertProblem(call(HttpMethod.POST, "/api/payments", token, Map.of("orderId", "no spaces allowed")), 400,
				"invalid-request");
		assertProblem(call(HttpMethod.POST, "/api/payments", token, Map.of("orderId", orderId, "channel", "paypal")),
				400, "unknown-channel");
		assertProblem(call(HttpMethod.POST, "/api/payments", token, Map.of("orderId", orderId, "channel", "Bad!")), 400,
				"invalid-request");
		assertProblem(call(HttpMethod.POST, "/api/payments", token, "{not json"), 400, null);
		assertProblem(call(HttpMethod.GET, "/api/payments?orderId=bad%20id", token, null), 400, "invalid-request");
		assertThat(paymentsOfOrder(orderId)).isZero();

		this.orders.status(orderId, "PAID");
		assertProblem(call(HttpMethod.POST, "/api/payments", token, Map.of("orderId", orderId)), 409,
				"order-not-payable");
		this.orders.down(true);
		assertProblem(call(HttpMethod.POST, "/api/payments", token, Map.of("orderId", orderId)), 503,
				"order-service-unavailable");
		assertThat(paymentsOfOrder(orderId)).isZero();
	}

	@Test
	void reconciliationIsForAdminsOnly() {
		String user = this.tokens.user(shopper());
		assertThat(call(HttpMethod.GET, "/api/admin/payments/reconciliation", user, null).getStatusCode().value())
			.isEqualTo(403);
		assertThat(call(HttpMethod.POST, "/api/admin/payments/reconciliation", user, null).getStatusCode().value())
			.isEqualTo(403);
		assertThat(call(HttpMethod.GET, "/api/admin/payments/reconciliation", null, null).getStatusCode().value())
			.isEqualTo(401);
		String admin = this.tokens.admin("ops");
		assertProblem(call(HttpMethod.POST, "/api/admin/payments/reconciliation?channel=paypal", admin, null), 400,
				"unknown-channel");
		assertProblem(call(HttpMethod.POST,
				"/api/admin/payments/reconciliation?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", admin, null),
				400, "invalid-window");
		assertThat(call(HttpMethod.GET, "/api/admin/payments/reconciliation", admin, null).getStatusCode().value())
			.isEqualTo(200);
	}

	static void assertProblem(ResponseEntity<JsonNode> response, int status, String code) {
		assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(status);
		if (code != null) {
			assertThat(response.getBody().path("code").asString()).isEqualTo(code);
		}
	}

}
