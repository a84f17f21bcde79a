package io.flashsale.payment;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the ledger and the channel drift apart: a lost callback resolved by asking the
 * channel, and the statement reconciliation that repairs what it can and flags the rest.
 */
@PaymentIntegrationTest
class ChannelDriftIntegrationTests extends PaymentTestSupport {

	@Test
	void lostCallbackIsResolvedByQueryingTheStuckPayment() {
		behave("sandpay", Map.of("dropCallbacks", true));
		String user = shopper();
		String orderId = this.orders.order(user, 3_300);
		JsonNode payment = pay(user, orderId, "sandpay");
		String paymentId = payment.path("paymentId").asString();
		String tradeNo = payment.path("channelTradeNo").asString();
		confirm("sandpay", tradeNo, "success");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(
					call(HttpMethod.GET, "/sandbox/sandpay/trades/" + tradeNo + "/notifications", null, null).getBody()
						.get(0)
						.path("status")
						.asString())
				.isEqualTo("DROPPED"));

		awaitStatus(paymentId, "SUCCEEDED");
		assertThat(ledger(paymentId)).containsExactly("->CREATED@api", "CREATED>PAYING@api", "PAYING>SUCCEEDED@query");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.events.of("PaymentSucceeded", paymentId)).hasSize(1));
	}

	/**
	 * quickwallet reports a trade failed (callback applied: FAILED), then settles it
	 * silently. Reconciliation repairs it: SUCCEEDED and one PaymentSucceeded.
	 */
	@Test
	void reconciliationRepairsATradePaidOnlyAtTheChannel() {
		Instant from = Instant.now().minus(1, ChronoUnit.MINUTES);
		String user = shopper();
		String orderId = this.orders.order(user, 4_400);
		JsonNode payment = pay(user, orderId, "quickwallet");
		String paymentId = payment.path("paymentId").asString();
		String tradeNo = payment.path("channelTradeNo").asString();
		confirm("quickwallet", tradeNo, "fail");
		awaitStatus(paymentId, "FAILED");
		assertThat(call(HttpMethod.POST, "/sandbox/quickwallet/trades/" + tradeNo + "/settle", null, null).getBody()
			.path("status")
			.asString()).isEqualTo("PAID");

		JsonNode report = reconcile("quickwallet", from);
		assertThat(findings(report, paymentId)).extracting((finding) -> finding.path("kind").asString())
			.containsExactly("repaired");
		assertThat(status(paymentId)).isEqualTo("SUCCEEDED");
		assertThat(ledger(paymentId)).last().isEqualTo("FAILED>SUCCEEDED@reconciliation");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.events.of("PaymentSucceeded", paymentId)).hasSize(1));

		// A second run finds nothing left to repair for it.
		assertThat(findings(reconcile("quickwallet", from), paymentId)).isEmpty();
	}

	/**
	 * Two SUCCEEDED payments the channel no longer agrees with: one it forgot, one it
	 * books for another amount. Both are flagged, neither is changed, and the latest
	 * report says so.
	 */
	@Test
	void reconciliationFlagsWhatTheChannelDoesNotConfirm() {
		Instant from = Instant.now().minus(1, ChronoUnit.MINUTES);
		String user = shopper();
		String forgotten = paidPayment(user, this.orders.order(user, 5_100), "quickwallet");
		String altered = paidPayment(user, this.orders.order(user, 5_200), "quickwallet");
		assertThat(
				call(HttpMethod.DELETE, "/sandbox/quickwallet/trades/" + tradeNo(forgotten), null, null).getStatusCode()
					.value())
			.isEqualTo(204);
		assertThat(call(HttpMethod.PATCH, "/sandbox/quickwallet/trades/" + tradeNo(altered), null,
				Map.of("amountCents", 5_201))
			.getBody()
			.path("amountCents")
			.asLong()).isEqualTo(5_201);

		JsonNode report = reconcile("quickwallet", from);
		assertThat(findings(report, forgotten)).extracting((finding) -> finding.path("kind").asString())
			.containsExactly("missing-at-channel");
		assertThat(findings(report, altered)).singleElement().satisfies((finding) -> {
			assertThat(finding.path("kind").asString()).isEqualTo("amount-mismatch");
			assertThat(finding.path("ledgerAmountCents").asLong()).isEqualTo(5_200);
			assertThat(finding.path("channelAmountCents").asLong()).isEqualTo(5_201);
		});
		assertThat(report.path("flagged").asInt()).isGreaterThanOrEqualTo(2);
		assertThat(status(forgotten)).isEqualTo("SUCCEEDED");
		assertThat(status(altered)).isEqualTo("SUCCEEDED");
		assertThat(this.meters.find("flashsale.payments.reconciliation.flagged")
			.tags("channel", "quickwallet")
			.gauge()
			.value()).isEqualTo(report.path("flagged").asDouble());

		ResponseEntity<JsonNode> latest = call(HttpMethod.GET, "/api/admin/payments/reconciliation",
				this.tokens.admin("ops"), null);
		assertThat(latest.getStatusCode().value()).isEqualTo(200);
		JsonNode quickwallet = null;
		for (JsonNode candidate : latest.getBody()) {
			if ("quickwallet".equals(candidate.path("channel").asString())) {
				quickwallet = candidate;
			}
		}
		assertThat(quickwallet).isNotNull();
		assertThat(findings(quickwallet, forgotten)).hasSize(1);
	}

	private JsonNode reconcile(String channel, Instant from) {
		Instant to = Instant.now().plus(1, ChronoUnit.MINUTES);
		ResponseEntity<JsonNode> run = call(HttpMethod.POST,
				"/api/admin/payments/reconciliation?channel=" + channel + "&from=" + from + "&to=" + to,
				this.tokens.admin("ops"), null);
		assertThat(run.getStatusCode().value()).as("%s", run.getBody()).isEqualTo(200);
		assertThat(run.getBody()).hasSize(1);
		return run.getBody().get(0);
	}

	private static List<JsonNode> findings(JsonNode report, String paymentId) {
		List<JsonNode> found = new java.util.ArrayList<>();
		for (JsonNode finding : report.path("findings")) {
			if (paymentId.equals(finding.path("paymentId").asString())) {
				found.add(finding);
			}
		}
		return found;
	}

	private String paidPayment(String user, String orderId, String channel) {
		JsonNode payment = pay(user, orderId, channel);
		String paymentId = payment.path("paymentId").asString();
		confirm(channel, payment.path("channelTradeNo").asString(), "success");
		awaitStatus(paymentId, "SUCCEEDED");
		return paymentId;
	}

	private String tradeNo(String paymentId) {
		return this.jdbc.queryForObject("SELECT trade_no FROM payments WHERE id = ?", String.class, paymentId);
	}

}
