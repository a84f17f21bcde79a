package io.flashsale.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.flashsale.contracts.Topics;
import io.flashsale.contracts.order.OrderCancelled;
import io.flashsale.contracts.order.PaymentRejected;
import io.flashsale.platform.messaging.DeadLetters;
import io.flashsale.platform.messaging.EventJson;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Money the shop must not keep goes back, driven by order events on the real broker as
 * order-service would publish them.
 */
@PaymentIntegrationTest
class RefundIntegrationTests extends PaymentTestSupport {

	@Autowired
	KafkaTemplate<String, String> kafka;

	@Autowired
	EventJson eventJson;

	@Autowired
	ConsumerFactory<String, String> consumers;

	/**
	 * Two successful payments of one order (sandpay, then quickwallet); order-service
	 * keeps the first and rejects the second as already-paid. The second is refunded at
	 * its wallet, PaymentRefunded is published once and counted once, even though the
	 * rejection is delivered twice; the first stays SUCCEEDED.
	 */
	@Test
	void secondPaymentOfAnOrderIsRefundedWhenRejectedAsAlreadyPaid() throws Exception {
		String user = shopper();
		String orderId = this.orders.order(user, 6_600);
		String kept = paidPayment(user, orderId, "sandpay");
		String duplicate = paidPayment(user, orderId, "quickwallet");
		double refundsBefore = counter("flashsale.payments.refunds", "reason", PaymentRejected.ALREADY_PAID);

		String rejection = this.eventJson.write(orderId,
				new PaymentRejected(orderId, duplicate, PaymentRejected.ALREADY_PAID, Instant.now()), Instant.now());
		this.kafka.send(Topics.ORDERS, orderId, rejection).get();
		this.kafka.send(Topics.ORDERS, orderId, rejection).get();

		awaitStatus(duplicate, "REFUNDED");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.events.of("PaymentRefunded", duplicate)).hasSize(1));
		JsonNode refunded = this.events.of("PaymentRefunded", duplicate).getFirst().payload();
		assertThat(refunded.path("reason").asString()).isEqualTo(PaymentRejected.ALREADY_PAID);
		assertThat(refunded.path("amountCents").asLong()).isEqualTo(6_600);
		assertThat(refunded.path("channel").asString()).isEqualTo("quickwallet");
		assertThat(this.events.of("PaymentRefunded", duplicate).getFirst().key()).isEqualTo(orderId);
		assertThat(tradeAtWallet("quickwallet", duplicate).path("status").asString()).isEqualTo("REFUNDED");
		assertThat(counter("flashsale.payments.refunds", "reason", PaymentRejected.ALREADY_PAID) - refundsBefore)
			.isEqualTo(1.0);
		assertThat(ledger(duplicate)).endsWith("SUCCEEDED>REFUNDING@refund", "REFUNDING>REFUNDED@refund");
		assertThat(ledger(duplicate)).filteredOn((entry) -> entry.contains(">REFUNDED@")).hasSize(1);
		assertThat(status(kept)).isEqualTo("SUCCEEDED");
		assertThat(this.events.of("PaymentRefunded", kept)).isEmpty();
	}

	@Test
	void latePaymentOfACancelledOrderIsRefundedWhenRejected() throws Exception {
		String user = shopper();
		String orderId = this.orders.order(user, 1_500);
		String late = paidPayment(user, orderId, "sandpay");
		double refundsBefore = counter("flashsale.payments.refunds", "reason", PaymentRejected.ORDER_CANCELLED);

		this.kafka
			.send(Topics.ORDERS, orderId, this.eventJson.write(orderId,
					new PaymentRejected(orderId, late, PaymentRejected.ORDER_CANCELLED, Instant.now()), Instant.now()))
			.get();

		awaitStatus(late, "REFUNDED");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.events.of("PaymentRefunded", late)).hasSize(1));
		assertThat(this.events.of("PaymentRefunded", late).getFirst().payload().path("reason").asString())
			.isEqualTo(PaymentRejected.ORDER_CANCELLED);
		assertThat(tradeAtWallet("sandpay", late).path("status").asString()).isEqualTo("REFUNDED");
		assertThat(counter("flashsale.payments.refunds", "reason", PaymentRejected.ORDER_CANCELLED) - refundsBefore)
			.isEqualTo(1.0);
	}

	/**
	 * A refund whose wallet is down stays REFUNDING and is retried by the job once the
	 * wallet is back.
	 */
	@Test
	void refundRetriedAfterTheWalletComesBack() throws Exception {
		String user = shopper();
		String orderId = this.orders.order(user, 2_200);
		String paymentId = paidPayment(user, orderId, "quickwallet");
		behave("quickwallet", Map.of("failOpen", true));
		this.kafka.send(Topics.ORDERS, orderId, this.eventJson.write(orderId,
				new PaymentRejected(orderId, paymentId, PaymentRejected.ALREADY_PAID, Instant.now()), Instant.now()))
			.get();
		awaitStatus(paymentId, "REFUNDING");
		behave("quickwallet", Map.of());
		assertThat(tradeAtWallet("quickwallet", paymentId).path("status").asString()).isEqualTo("PAID");
		this.breakers.circuitBreaker("quickwallet").reset();
		awaitStatus(paymentId, "REFUNDED");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.events.of("PaymentRefunded", paymentId)).hasSize(1));
		assertThat(tradeAtWallet("quickwallet", paymentId).path("status").asString()).isEqualTo("REFUNDED");
	}

	/**
	 * An order cancelled while its payment is open: the payment closes, and so does the
	 * trade at the wallet, which then refuses the shopper.
	 */
	@Test
	void cancelledOrderClosesItsOpenPaymentHereAndAtTheWallet() throws Exception {
		String user = shopper();
		String orderId = this.orders.order(user, 800);
		JsonNode payment = pay(user, orderId, "quickwallet");
		String paymentId = payment.path("paymentId").asString();
		cancel(orderId, user);
		awaitStatus(paymentId, "CLOSED");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(tradeAtWallet("quickwallet", paymentId).path("status").asString())
				.isEqualTo("CLOSED"));
		assertThat(call(HttpMethod.POST,
				"/sandbox/quickwallet/trades/" + payment.path("channelTradeNo").asString() + "/pay", null, null)
			.getStatusCode()
			.value()).isEqualTo(409);
		assertThat(this.events.of("PaymentSucceeded", paymentId)).isEmpty();
	}

	/**
	 * The shopper paid at the wallet, its callback was lost, then the order was
	 * cancelled: closing finds the trade paid, so the payment becomes SUCCEEDED (once)
	 * and goes to order-service, which will refuse it and so refund it.
	 */
	@Test
	void cancelledOrderWhosePaymentWasPaidAtTheWalletReportsTheMoney() throws Exception {
		behave("sandpay", Map.of("dropCallbacks", true));
		String user = shopper();
		String orderId = this.orders.order(user, 900);
		JsonNode payment = pay(user, orderId, "sandpay");
		String paymentId = payment.path("paymentId").asString();
		confirm("sandpay", payment.path("channelTradeNo").asString(), "success");
		cancel(orderId, user);
		awaitStatus(paymentId, "SUCCEEDED");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.events.of("PaymentSucceeded", paymentId)).hasSize(1));
		assertThat(ledger(paymentId)).filteredOn((entry) -> entry.contains(">SUCCEEDED@")).hasSize(1);
	}

	@Test
	void unreadableOrderEventGoesToTheDeadLetterTopicWithItsReason() throws Exception {
		String key = "poison-" + UUID.randomUUID();
		this.kafka.send(Topics.ORDERS, key, "{not an envelope").get();
		try (Consumer<String, String> consumer = this.consumers.createConsumer("payment-dlt-" + UUID.randomUUID(),
				null)) {
			consumer.subscribe(List.of(Topics.deadLetter(Topics.ORDERS)));
			await().atMost(WAIT).untilAsserted(() -> {
				ConsumerRecord<String, String> dead = null;
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					if (key.equals(record.key())) {
						dead = record;
					}
				}
				assertThat(dead).isNotNull();
				Header reason = dead.headers().lastHeader(DeadLetters.REASON_HEADER);
				assertThat(new String(reason.value())).isEqualTo("unreadable");
			});
		}
	}

	private void cancel(String orderId, String user) throws Exception {
		this.kafka
			.send(Topics.ORDERS, orderId, this.eventJson.write(orderId,
					new OrderCancelled(orderId, 1, 1, user, 1, OrderCancelled.EXPIRED, Instant.now()), Instant.now()))
			.get();
	}

	/** Pays at the channel and waits for SUCCEEDED. */
	private String paidPayment(String user, String orderId, String channel) {
		JsonNode payment = pay(user, orderId, channel);
		String paymentId = payment.path("paymentId").asString();
		confirm(channel, payment.path("channelTradeNo").asString(), "success");
		awaitStatus(paymentId, "SUCCEEDED");
		return paymentId;
	}

	private JsonNode tradeAtWallet(String channel, String paymentId) {
		String tradeNo = this.jdbc.queryForObject("SELECT trade_no FROM payments WHERE id = ?", String.class,
				paymentId);
		return call(HttpMethod.GET, "/sandbox/" + channel + "/trades/" + tradeNo, null, null).getBody();
	}

}
