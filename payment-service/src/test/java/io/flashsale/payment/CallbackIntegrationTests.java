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
	 * 10 deliveries of the same bytes (5 at once, then 5 one by one): all 10 acknowledged
	 * with the channel's success answer, 1 applied and 9 recognised as identical
	 * redeliveries. Then 10 deliveries signed afresh: all acknowledged. Exactly one
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
		double redeliveredBefore = counter("flashsale.payments.callbacks.redelivered", "channel", "quickwallet");

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
		assertThat(sameBytes).hasSize(10).allSatisfy((response) -> {
			assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(200);
			assertThat(response.getBody()).isEqualTo(QUICKWALLET_ACK);
			assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
		});
		assertThat(counter("flashsale.payments.callbacks.redelivered", "channel", "quickwallet") - redeliveredBefore)
			.isEqualTo(9.0);

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
	 * Forged signature, wrong amount, wrong order, stale timestamp, unknown trade, a
	 * nonce already applied (to another payment) with another body, unreadable body,
	 * unknown channel: each refused with a problem, each counted once under its reason,
	 * and the payment stays PAYING with its two ledger entries.
	 */
	@Test
	void badCallbacksAreRefusedCountedAndChangeNothing() {
		behave("sandpay", Map.of("dropCallbacks", true));
		String user = shopper();
		String orderId = this.orders.order(user, 5_000);
		JsonNode payment = pay(user, orderId, "sandpay");
		String paymentId = payment.path("paymentId").asString();
		String tradeNo = payment.path("channelTradeNo").asString();
		String secret = secret("sandpay");
		String otherOrderId = this.orders.order(user, 5_000);
		JsonNode other = pay(user, otherOrderId, "sandpay");
		String applied = nonce();
		assertThat(deliver("sandpay", paid(other.path("channelTradeNo").asString(), other.path("paymentId").asString(),
				otherOrderId, 5_000, Instant.now(), applied), secret)
			.getStatusCode()
			.value()).isEqualTo(200);
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
		assertRefused(
				deliver("sandpay", paid("SP-NO-SUCH-TRADE", paymentId, orderId, 5_000, Instant.now(), nonce()), secret),
				404, "unknown-trade");
		assertRefused(deliver("sandpay", paid(tradeNo, paymentId, orderId, 5_000, Instant.now(), applied), secret), 409,
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

	/**
	 * A "paid" applied at t and delivered again byte for byte at t + 24 h (the channel
	 * never got our answer and retries for up to a day): acknowledged with
	 * {@code success}; still one transition to SUCCEEDED and one PaymentSucceeded. A
	 * notification never applied, signed at the same t, is refused as stale at t + 24 h
	 * and its payment stays PAYING.
	 */
	@Test
	void identicalRedeliveryADayLaterIsAcknowledgedAndChangesNothing() {
		behave("sandpay", Map.of("dropCallbacks", true));
		String user = shopper();
		String orderId = this.orders.order(user, 6_100);
		JsonNode payment = pay(user, orderId, "sandpay");
		String paymentId = payment.path("paymentId").asString();
		String tradeNo = payment.path("channelTradeNo").asString();
		String otherOrderId = this.orders.order(user, 6_100);
		JsonNode other = pay(user, otherOrderId, "sandpay");
		String secret = secret("sandpay");
		Instant signedAt = Instant.now();
		byte[] body = paid(tradeNo, paymentId, orderId, 6_100, signedAt, nonce());
		assertAcknowledgedBySandpay(deliver("sandpay", body, secret));

		this.clock.advance(Duration.ofHours(24));
		assertAcknowledgedBySandpay(deliver("sandpay", body, secret));
		assertRefused(deliver("sandpay", paid(other.path("channelTradeNo").asString(),
				other.path("paymentId").asString(), otherOrderId, 6_100, signedAt, nonce()), secret), 400, "stale");

		assertThat(ledger(paymentId)).containsExactly("->CREATED@api", "CREATED>PAYING@api",
				"PAYING>SUCCEEDED@callback");
		assertThat(status(other.path("paymentId").asString())).isEqualTo("PAYING");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.events.of("PaymentSucceeded", paymentId)).hasSize(1));
	}

	/**
	 * After a "paid" is applied under nonce N: N again with the amount changed (5,999
	 * instead of 6,200), N again with the status changed to failed (both signed with the
	 * channel's secret) and the original bytes under a forged signature are refused (409
	 * replayed, 409 replayed, 401 signature); the payment keeps its one transition and
	 * its one PaymentSucceeded.
	 */
	@Test
	void alteredRedeliveriesOfAnAppliedCallbackAreRefusedAndChangeNothing() {
		behave("sandpay", Map.of("dropCallbacks", true));
		String user = shopper();
		String orderId = this.orders.order(user, 6_200);
		JsonNode payment = pay(user, orderId, "sandpay");
		String paymentId = payment.path("paymentId").asString();
		String tradeNo = payment.path("channelTradeNo").asString();
		String secret = secret("sandpay");
		String nonce = nonce();
		Instant signedAt = Instant.now();
		byte[] body = paid(tradeNo, paymentId, orderId, 6_200, signedAt, nonce);
		assertAcknowledgedBySandpay(deliver("sandpay", body, secret));

		assertRefused(deliver("sandpay", paid(tradeNo, paymentId, orderId, 5_999, signedAt, nonce), secret), 409,
				"replayed");
		assertRefused(deliver("sandpay",
				callbackBody(tradeNo, paymentId, orderId, 6_200, "TRADE_FAILED", signedAt, nonce), secret), 409,
				"replayed");
		assertRefused(deliver("sandpay", body, "not-the-channels-secret"), 401, "signature");

		assertThat(status(paymentId)).isEqualTo("SUCCEEDED");
		assertThat(ledger(paymentId)).containsExactly("->CREATED@api", "CREATED>PAYING@api",
				"PAYING>SUCCEEDED@callback");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.events.of("PaymentSucceeded", paymentId)).hasSize(1));
	}

	/**
	 * The database refuses the first delivery's ledger entry (a trigger on
	 * {@code payment_ledger} raising SQLSTATE 45000 for this payment only, standing for
	 * any error in the middle of the change: the nonce and the payment row were already
	 * written in the transaction). That delivery gets a 500 and leaves no nonce, the
	 * payment PAYING and no event. Once the database accepts the entry again, the
	 * channel's retry, the same bytes, is applied: 200 {@code success}, one transition to
	 * SUCCEEDED, one PaymentSucceeded, one nonce; a third delivery changes nothing.
	 */
	@Test
	void callbackWhoseChangeFailsKeepsNoNonceAndItsRetryIsApplied() {
		behave("sandpay", Map.of("dropCallbacks", true));
		String user = shopper();
		String orderId = this.orders.order(user, 6_300);
		JsonNode payment = pay(user, orderId, "sandpay");
		String paymentId = payment.path("paymentId").asString();
		String tradeNo = payment.path("channelTradeNo").asString();
		String secret = secret("sandpay");
		String nonce = nonce();
		byte[] body = paid(tradeNo, paymentId, orderId, 6_300, Instant.now(), nonce);
		String trigger = "refuse_ledger_" + paymentId.replaceAll("[^A-Za-z0-9]", "_");
		this.jdbc.execute("CREATE TRIGGER " + trigger + " BEFORE INSERT ON payment_ledger FOR EACH ROW "
				+ "IF NEW.payment_id = '" + paymentId + "' AND NEW.to_status = 'SUCCEEDED' THEN "
				+ "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ledger refused by test'; END IF");
		try {
			ResponseEntity<String> failed = deliver("sandpay", body, secret);
			assertThat(failed.getStatusCode().value()).as("%s", failed.getBody()).isEqualTo(500);
			assertThat(failed.getBody()).doesNotContain("ledger refused by test");
		}
		finally {
			this.jdbc.execute("DROP TRIGGER " + trigger);
		}
		assertThat(nonces(nonce)).isZero();
		assertThat(status(paymentId)).isEqualTo("PAYING");
		assertThat(ledger(paymentId)).containsExactly("->CREATED@api", "CREATED>PAYING@api");

		assertAcknowledgedBySandpay(deliver("sandpay", body, secret));
		assertAcknowledgedBySandpay(deliver("sandpay", body, secret));

		assertThat(nonces(nonce)).isOne();
		assertThat(ledger(paymentId)).containsExactly("->CREATED@api", "CREATED>PAYING@api",
				"PAYING>SUCCEEDED@callback");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.events.of("PaymentSucceeded", paymentId)).hasSize(1));
	}

	private int nonces(String nonce) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM callback_nonces WHERE channel = 'sandpay' AND nonce = ?",
				Integer.class, nonce);
	}

	private static void assertAcknowledgedBySandpay(ResponseEntity<String> response) {
		assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(200);
		assertThat(response.getBody()).isEqualTo("success");
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
