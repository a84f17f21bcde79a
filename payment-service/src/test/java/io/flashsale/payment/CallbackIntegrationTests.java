package io.flashsale.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Callbacks as channels really send them: repeated, replayed, forged. The wallets' own
 * callbacks are switched off (dropCallbacks) so that the test is the only sender.
 */
@PaymentIntegrationTest
class CallbackIntegrationTests extends PaymentTestSupport {

	private static final String QUICKWALLET_ACK = "{\"code\":\"SUCCESS\",\"message\":\"OK\"}";

	/**
	 * 10 deliveries of the same bytes (5 at once, then 5 one by one): 1 applied, 9 nonce
	 * replays refused. Then 10 deliveries signed afresh: all acknowledged. Exactly one
	 * transition to SUCCEEDED and one PaymentSucceeded.
	 */
	@Test
	void oneCallbackDeliveredTwentyTimesMovesThePaymentOnce() throws Exception {
		behave("quickwallet", Map.of("dropCallbacks", true));
		String user = shopper();
		String orderId = this.orders.order(user, 7_700);
		JsonNode payment = pay(user, orderId, "quickwallet");
		String paymentId = payment.path("paymentId").asString();
		String tradeNo = payment.path("channelTradeNo").asString();
		confirm("quickwallet", tradeNo, "success");
		byte[] body = callbackBody(tradeNo, paymentId, orderId, 7_700, "SUCCESS", Instant.now(), nonce());
		String secret = secret("quickwallet");

		List<ResponseEntity<String>> sameBytes = new ArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		try (ExecutorService pool = Executors.newFixedThreadPool(5)) {
			List<Future<ResponseEntity<String>>> concurrent = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				concurrent.add(pool.submit(() -> {
					start.await();
					return deliver("quickwallet", body, secret);
				}));
			}
			start.countDown();
			for (Future<ResponseEntity<String>> delivery : concurrent) {
				sameBytes.add(delivery.get());
			}
		}
		for (int i = 0; i < 5; i++) {
			sameBytes.add(deliver("quickwallet", body, secret));
		}
		assertThat(sameBytes).filteredOn((response) -> response.getStatusCode().value() == 200)
			.hasSize(1)
			.allSatisfy((response) -> {
				assertThat(response.getBody()).isEqualTo(QUICKWALLET_ACK);
				assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON))
					.isTrue();
			});
		assertThat(sameBytes).filteredOn((response) -> response.getStatusCode().value() == 409).hasSize(9);

		for (int i = 0; i < 10; i++) {
			byte[] resigned = callbackBody(tradeNo, paymentId, orderId, 7_700, "SUCCESS", Instant.now(), nonce());
			ResponseEntity<String> response = deliver("quickwallet", resigned, secret);
			assertThat(response.getStatusCode().value()).isEqualTo(200);
			assertThat(response.getBody()).isEqualTo(QUICKWALLET_ACK);
		}

		assertThat(status(paymentId)).isEqualTo("SUCCEEDED");
		assertThat(ledger(paymentId)).filteredOn((entry) -> entry.contains(">SUCCEEDED@")).hasSize(1);
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.events.of("PaymentSucceeded", paymentId)).hasSize(1));
	}

	/**
	 * 10 deliveries of one "paid", each signed afresh, arriving at once: all 10
	 * acknowledged, one transition to SUCCEEDED, one PaymentSucceeded.
	 */
	@Test
	void tenConcurrentCallbacksForOnePaymentMoveItOnce() throws Exception {
		behave("sandpay", Map.of("dropCallbacks", true));
		String user = shopper();
		String orderId = this.orders.order(user, 8_800);
		JsonNode payment = pay(user, orderId, "sandpay");
		String paymentId = payment.path("paymentId").asString();
		String tradeNo = payment.path("channelTradeNo").asString();
		String secret = secret("sandpay");
		CountDownLatch start = new CountDownLatch(1);
		List<Future<ResponseEntity<String>>> deliveries = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
			for (int i = 0; i < 10; i++) {
				byte[] body = paid(tradeNo, paymentId, orderId, 8_800, Instant.now(), nonce());
				deliveries.add(pool.submit(() -> {
					start.await();
					return deliver("sandpay", body, secret);
				}));
			}
			start.countDown();
			for (Future<ResponseEntity<String>> delivery : deliveries) {
				assertThat(delivery.get().getStatusCode().value()).isEqualTo(200);
				assertThat(delivery.get().getBody()).isEqualTo("success");
			}
		}
		assertThat(ledger(paymentId)).containsExactly("->CREATED@api", "CREATED>PAYING@api",
				"PAYING>SUCCEEDED@callback");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.events.of("PaymentSucceeded", paymentId)).hasSize(1));
	}

	@Test
	void sandpayIsAcknowledgedWithPlainTextSuccess() {
		behave("sandpay", Map.of("dropCallbacks", true));
		String user = shopper();
		String orderId = this.orders.order(user, 990);
		JsonNode payment = pay(user, orderId, "sandpay");
		String paymentId = payment.path("paymentId").asString();
		String tradeNo = payment.path("channelTradeNo").asString();
		ResponseEntity<String> response = deliver("sandpay",
				callbackBody(tradeNo, paymentId, orderId, 990, "TRADE_SUCCESS", Instant.now(), nonce()),
				secret("sandpay"));
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody()).isEqualTo("success");
		assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_PLAIN)).isTrue();
		assertThat(status(paymentId)).isEqualTo("SUCCEEDED");
	}

	/**
	 * Forged signature, wrong amount, wrong order, stale timestamp, reused nonce, unknown
	 * trade, unreadable body, unknown channel: each refused with a problem, each counted
	 * once under its reason, and the payment stays PAYING with its two ledger entries.
	 */
	@Test
	void badCallbacksAreRefusedCountedAndChangeNothing() {
		String user = shopper();
		String orderId = this.orders.order(user, 5_000);
		JsonNode payment = pay(user, orderId, "sandpay");
		String paymentId = payment.path("paymentId").asString();
		String tradeNo = payment.path("channelTradeNo").asString();
		String secret = secret("sandpay");
		Map<String, Double> before = rejectedCounts();

		assertRefused(deliver("sandpay", paid(tradeNo, paymentId, orderId, 5_000, Instant.now(), nonce()),
				"not-the-channels-secret"), 401, "signature");
		assertRefused(deliver("sandpay", paid(tradeNo, paymentId, orderId, 4_999, Instant.now(), nonce()), secret), 422,
				"amount-mismatch");
		assertRefused(deliver("sandpay",
				paid(tradeNo, paymentId, "1-00000000000000000000000000000000", 5_000, Instant.now(), nonce()), secret),
				422, "order-mismatch");
		assertRefused(deliver("sandpay",
				paid(tradeNo, paymentId, orderId, 5_000, Instant.now().minus(Duration.ofMinutes(10)), nonce()), secret),
				400, "stale");
		String reused = nonce();
		assertRefused(
				deliver("sandpay", paid("SP-NO-SUCH-TRADE", paymentId, orderId, 5_000, Instant.now(), reused), secret),
				404, "unknown-trade");
		assertRefused(deliver("sandpay", paid(tradeNo, paymentId, orderId, 5_000, Instant.now(), reused), secret), 409,
				"replayed");
		assertRefused(deliver("sandpay", "{\"tradeNo\":".getBytes(), secret), 400, "malformed");
		assertRefused(deliver("paypal", paid(tradeNo, paymentId, orderId, 5_000, Instant.now(), nonce()), secret), 404,
				"unknown-channel");

		assertThat(status(paymentId)).isEqualTo("PAYING");
		assertThat(ledger(paymentId)).containsExactly("->CREATED@api", "CREATED>PAYING@api");
		Map<String, Double> after = rejectedCounts();
		for (String reason : List.of("signature", "amount-mismatch", "order-mismatch", "stale", "unknown-trade",
				"replayed", "malformed")) {
			assertThat(after.get("sandpay|" + reason) - before.get("sandpay|" + reason)).as(reason).isEqualTo(1.0);
		}
		assertThat(after.get("unknown|unknown-channel") - before.get("unknown|unknown-channel")).isEqualTo(1.0);
		assertThat(this.events.of("PaymentSucceeded", paymentId)).isEmpty();
	}

	private Map<String, Double> rejectedCounts() {
		Map<String, Double> counts = new java.util.HashMap<>();
		for (String reason : List.of("signature", "amount-mismatch", "order-mismatch", "stale", "unknown-trade",
				"replayed", "malformed")) {
			counts.put("sandpay|" + reason,
					counter("flashsale.payments.callbacks.rejected", "channel", "sandpay", "reason", reason));
		}
		counts.put("unknown|unknown-channel",
				counter("flashsale.payments.callbacks.rejected", "channel", "unknown", "reason", "unknown-channel"));
		return counts;
	}

	private static byte[] paid(String tradeNo, String paymentId, String orderId, long amountCents, Instant timestamp,
			String nonce) {
		return callbackBody(tradeNo, paymentId, orderId, amountCents, "TRADE_SUCCESS", timestamp, nonce);
	}

	private static void assertRefused(ResponseEntity<String> response, int status, String reason) {
		assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(status);
		JsonNode problem = JSON.readTree(response.getBody());
		assertThat(problem.path("code").asString()).isEqualTo("callback-rejected");
		assertThat(problem.path("reason").asString()).isEqualTo(reason);
	}

	private static String nonce() {
		return UUID.randomUUID().toString().replace("-", "");
	}

}
